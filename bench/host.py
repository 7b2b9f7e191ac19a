"""What the benchmarks state about the machine, measured rather than assumed.

best_openblas_kernels() runs before torch is imported: Debian's OpenBLAS
0.3.21 falls back to its SSE3 "Prescott" kernels on x86 CPUs newer than it
knows (torch.mm 1024^2 then takes 33 ms instead of 7 on an AVX-512 Xeon),
which would make every GEMM ratio against PyTorch look 4-5x better than it
is. When it would, OPENBLAS_CORETYPE names the best kernels the CPU runs
(a value the user set stands).

peak_gflops() measures the f32 FMA peak with bench/peak.c.
"""
import functools
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OPENBLAS = "libopenblas.so.0"
# OpenBLAS's names for x86 cores without AVX2 kernels.
WITHOUT_AVX2 = {"Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Katmai",
                "Coppermine", "Northwood", "Banias", "Opteron", "Barcelona", "Bobcat",
                "Sandybridge", "Bulldozer", "Piledriver", "Steamroller", "Excavator"}


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def openblas_core():
    """The kernels OpenBLAS picks in a new process (with this environment)."""
    probe = ("import ctypes; lib = ctypes.CDLL('%s'); "
             "lib.openblas_get_corename.restype = ctypes.c_char_p; "
             "print(lib.openblas_get_corename().decode())" % OPENBLAS)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


@functools.lru_cache(maxsize=None)  # once per process: bench/models.py imports run.py too
def best_openblas_kernels():
    """Sets OPENBLAS_CORETYPE when OpenBLAS would fall back to kernels below
    the CPU's; returns the kernels OpenBLAS will use (None: no OpenBLAS)."""
    core = openblas_core()
    if core is None or "OPENBLAS_CORETYPE" in os.environ or core not in WITHOUT_AVX2:
        return core
    flags = cpu_flags()
    best = "SkylakeX" if "avx512f" in flags else "Haswell" if "avx2" in flags else None
    if best:
        os.environ["OPENBLAS_CORETYPE"] = best
        return f"{openblas_core()} (OPENBLAS_CORETYPE: it picked {core})"
    return core


def torch_isa():
    """The vector ISA of PyTorch's eager kernels ("CPU capability usage";
    Debian's oneDNN has its verbose mode, which would name its own, compiled
    out)."""
    import torch
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def peak_gflops(threads):
    """The f32 FMA peak of `threads` cores, measured (None if bench/peak.c
    cannot be built)."""
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "peak")
        build = subprocess.run(
            ["clang-22", "-O2", "-march=native", "-fopenmp", "-ffp-contract=fast",
             os.path.join(HERE, "peak.c"), "-o", exe, "-L/usr/lib/llvm-22/lib",
             "-Wl,-rpath,/usr/lib/llvm-22/lib"], capture_output=True, text=True)
        if build.returncode != 0:
            return None
        run = subprocess.run([exe, str(threads)], capture_output=True, text=True)
        return float(run.stdout) if run.returncode == 0 else None
