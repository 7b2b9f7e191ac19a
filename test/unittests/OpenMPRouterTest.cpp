//===- OpenMPRouterTest.cpp - kernels' parallel loops on one pool ---------===//
//
// The router's regions and static loop shares on libomp (this process has
// no libgomp), and routeOpenMPCalls on the calls OpenMPIRBuilder makes.
//
//===----------------------------------------------------------------------===//

#include "OpenMPRouter.h"
#include "kiln/Runtime/OpenMP.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>
#include <mutex>
#include <vector>

using namespace kiln::runtime;

namespace {

struct Share {
  int32_t thread;
  uint64_t lower, upper;
  int32_t last;
};

struct Loop {
  uint64_t trips;
  std::mutex lock;
  std::vector<Share> shares;
  int threads = 0;
};

// A region's body as OpenMPIRBuilder emits it for a loop of `trips`
// iterations: bounds [0, trips - 1], static schedule, then a barrier.
void body(int32_t *id, int32_t *, void *captures) {
  auto *loop = static_cast<Loop *>(captures);
  uint64_t lower = 0, upper = loop->trips - 1;
  int64_t stride = 0;
  int32_t last = -1;
  int32_t thread = kiln_omp_global_thread_num(nullptr);
  kiln_omp_for_static_init_8u(nullptr, thread, 34, &last, &lower, &upper, &stride, 1, 0);
  kiln_omp_for_static_fini(nullptr, thread);
  {
    std::lock_guard<std::mutex> guard(loop->lock);
    loop->shares.push_back({*id, lower, upper, last});
    loop->threads++;
  }
  kiln_omp_barrier(nullptr, thread);
}

TEST(OpenMPRouter, SharesEveryIterationOnceAsEvenlyAsPossible) {
  // A team of 3 when this test starts libomp (ctest runs each test in a
  // process of its own); a team of any size otherwise.
  setenv("KILN_NUM_THREADS", "3", 1);
  ASSERT_FALSE(bool(startOpenMP()));
  EXPECT_EQ(openMPPool(), "libomp");
  int team = 0;
  for (uint64_t trips : {0, 1, 2, 3, 4, 7, 100}) {
    Loop loop;
    loop.trips = trips;
    kiln_omp_fork_call(nullptr, 1, body, &loop);
    if (!team)
      team = loop.threads;
    ASSERT_EQ(loop.threads, team) << trips << " iterations";
    std::vector<int> seen(trips, 0);
    uint64_t least = trips, most = 0;
    int lasts = 0;
    for (const Share &s : loop.shares) {
      uint64_t count = s.upper - s.lower + 1; // what OpenMPIRBuilder runs
      least = std::min(least, count);
      most = std::max(most, count);
      for (uint64_t i = 0; i < count; ++i) {
        ASSERT_LT(s.lower + i, trips) << trips << " iterations, thread " << s.thread;
        seen[s.lower + i]++;
      }
      if (s.last) {
        lasts++;
        EXPECT_EQ(s.upper, trips - 1) << trips << " iterations";
      }
    }
    for (uint64_t i = 0; i < trips; ++i)
      EXPECT_EQ(seen[i], 1) << "iteration " << i << " of " << trips;
    EXPECT_LE(most - std::min(least, most), 1u) << trips << " iterations";
    EXPECT_EQ(lasts, trips ? 1 : 0) << trips << " iterations";
  }
}

TEST(OpenMPRouter, OutsideARegionACallerRunsAlone) {
  uint64_t lower = 0, upper = 9;
  int64_t stride = 0;
  int32_t last = 0;
  EXPECT_EQ(kiln_omp_global_thread_num(nullptr), 0);
  kiln_omp_for_static_init_8u(nullptr, 0, 34, &last, &lower, &upper, &stride, 1, 0);
  EXPECT_EQ(lower, 0u);
  EXPECT_EQ(upper, 9u);
  EXPECT_EQ(last, 1);
  kiln_omp_barrier(nullptr, 0);
}

std::unique_ptr<llvm::Module> parse(llvm::LLVMContext &ctx, const char *calls) {
  std::string text = std::string(R"(
%struct.ident_t = type { i32, i32, i32, i32, ptr }
@loc = private constant %struct.ident_t zeroinitializer
declare i32 @__kmpc_global_thread_num(ptr)
declare void @__kmpc_fork_call(ptr, i32, ptr, ...)
declare void @__kmpc_for_static_init_8u(ptr, i32, i32, ptr, ptr, ptr, ptr, i64, i64)
declare void @__kmpc_for_static_fini(ptr, i32)
declare void @__kmpc_barrier(ptr, i32)
declare void @__kmpc_push_num_threads(ptr, i32, i32)
define void @body(ptr %id, ptr %bound, ptr %captures) {
  ret void
}
define void @kernel(ptr %captures, ptr %last, ptr %lower, ptr %upper, ptr %stride) {
)") + calls + "  ret void\n}\n";
  llvm::SMDiagnostic diagnostic;
  auto module = llvm::parseAssemblyString(text, diagnostic, ctx);
  EXPECT_TRUE(module) << diagnostic.getMessage().str();
  return module;
}

std::string routed(const char *calls, std::string *names = nullptr) {
  llvm::LLVMContext ctx;
  auto module = parse(ctx, calls);
  if (!module)
    return "does not parse";
  llvm::Error e = routeOpenMPCalls(*module);
  if (names)
    for (llvm::Function &fn : *module)
      if (fn.isDeclaration() && !fn.use_empty())
        *names += fn.getName().str() + " ";
  return e ? llvm::toString(std::move(e)) : "";
}

TEST(OpenMPRouter, RoutesTheCallsOpenMPIRBuilderMakes) {
  std::string names;
  EXPECT_EQ(routed(R"(
  %t = call i32 @__kmpc_global_thread_num(ptr @loc)
  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 1, ptr @body, ptr %captures)
  call void @__kmpc_for_static_init_8u(ptr @loc, i32 %t, i32 34, ptr %last, ptr %lower, ptr %upper, ptr %stride, i64 1, i64 0)
  call void @__kmpc_for_static_fini(ptr @loc, i32 %t)
  call void @__kmpc_barrier(ptr @loc, i32 %t)
)",
                   &names),
            "");
  EXPECT_EQ(names, "kiln_omp_global_thread_num kiln_omp_fork_call kiln_omp_for_static_init_8u "
                   "kiln_omp_for_static_fini kiln_omp_barrier ");
  // Each routed name resolves to the router's function in the JIT.
  std::vector<std::string> symbols;
  for (auto [name, address] : openMPRouterSymbols()) {
    symbols.push_back(name);
    EXPECT_NE(address, nullptr) << name;
  }
  EXPECT_EQ(symbols.size(), 5u);
}

TEST(OpenMPRouter, RejectsCallsItDoesNotProvideOrTake) {
  EXPECT_NE(routed("  call void @__kmpc_push_num_threads(ptr @loc, i32 0, i32 4)\n")
                .find("__kmpc_push_num_threads, which Kiln's OpenMP router"),
            std::string::npos);
  EXPECT_NE(routed("  call void (ptr, i32, ptr, ...) @__kmpc_fork_call(ptr @loc, i32 2, ptr @body, "
                   "ptr %captures, ptr %last)\n")
                .find("__kmpc_fork_call other than as Kiln's OpenMP router takes it (its "
                      "captures as one aggregate)"),
            std::string::npos);
  // A chunked static schedule (33), and a step other than 1.
  for (const char *call :
       {"  call void @__kmpc_for_static_init_8u(ptr @loc, i32 0, i32 33, ptr %last, ptr %lower, "
        "ptr %upper, ptr %stride, i64 1, i64 4)\n",
        "  call void @__kmpc_for_static_init_8u(ptr @loc, i32 0, i32 34, ptr %last, ptr %lower, "
        "ptr %upper, ptr %stride, i64 2, i64 0)\n"})
    EXPECT_NE(routed(call).find("(schedule(static), no chunk, step 1)"), std::string::npos)
        << call;
}

} // namespace
