//===- OpenMPEnvironment.h - Kiln's settings for libomp -------------------===//
#ifndef KILN_LIB_RUNTIME_OPENMPENVIRONMENT_H
#define KILN_LIB_RUNTIME_OPENMPENVIRONMENT_H

/// Sets the environment libomp reads when it starts: KILN_NUM_THREADS as
/// OMP_NUM_THREADS and, unless the user binds threads (KMP_AFFINITY,
/// OMP_PROC_BIND, OMP_PLACES), KMP_AFFINITY=disabled.
extern "C" void kiln_set_openmp_environment();

#endif // KILN_LIB_RUNTIME_OPENMPENVIRONMENT_H
