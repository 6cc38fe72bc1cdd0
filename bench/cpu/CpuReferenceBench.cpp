//===- CpuReferenceBench.cpp - timings of the CPU reference path ----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Google Benchmark of accel ops on the CPU through the code accel-run uses:
// each case is lowered once with accel-cpu-reference and JIT-compiled once
// with accel::run::createExecutionEngine; the benchmark loop times only the
// calls. Lowering and JIT times are reported as counters (lower_ms, jit_ms),
// since compilation is not the op's speed.
//
//   build/bin/accel-cpu-bench [--benchmark_filter=Matmul] \
//       [--benchmark_repetitions=3 --benchmark_report_aggregates_only] \
//       [--cpu-reference-options='vectorize-contractions=false']
//
// --cpu-reference-options sets accel-cpu-reference's pipeline options (as in
// `accel-cpu-reference{...}`), e.g. to time the scalar loops.
//
//===----------------------------------------------------------------------===//

#include "accel/InitAllDialects.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Tools/Run/HostArray.h"
#include "accel/Tools/Run/JitRunner.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>

using namespace mlir;
using accel::run::ElementKind;
using accel::run::HostArray;

namespace {

/// accel-cpu-reference's options, from --cpu-reference-options.
std::string pipelineOptions;

/// One case: a module with a function @f of static argument and result
/// types, and the element kinds and shapes of its arguments.
struct Case {
  std::string source;
  SmallVector<std::pair<ElementKind, SmallVector<int64_t>>> inputs;
  /// Rank of each result (for the descriptor layout).
  SmallVector<int64_t> resultRanks;
  double flops = 0;
};

/// A case lowered and compiled once, with its inputs.
struct Compiled {
  std::unique_ptr<MLIRContext> context;
  std::unique_ptr<ExecutionEngine> engine;
  SmallVector<HostArray> inputs;
  std::vector<std::vector<int64_t>> descriptors;
  std::vector<int64_t> results;
  SmallVector<int64_t> resultRanks;
  double lowerSeconds = 0, jitSeconds = 0;
  std::string error;
};

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

std::unique_ptr<Compiled> compile(const Case &c) {
  auto out = std::make_unique<Compiled>();
  DialectRegistry registry;
  accel::registerAllDialects(registry);
  registerAllToLLVMIRTranslations(registry);
  out->context = std::make_unique<MLIRContext>(registry);
  out->context->loadAllAvailableDialects();
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(c.source, out->context.get());
  if (!module) {
    out->error = "cannot parse the case";
    return out;
  }
  auto start = std::chrono::steady_clock::now();
  PassManager pm(out->context.get());
  accel::CpuReferencePipelineOptions options;
  if (failed(options.parseFromString(pipelineOptions))) {
    out->error = "bad --cpu-reference-options";
    return out;
  }
  accel::buildCpuReferencePipeline(pm, options);
  if (failed(pm.run(*module))) {
    out->error = "lowering failed";
    return out;
  }
  out->lowerSeconds = secondsSince(start);
  start = std::chrono::steady_clock::now();
  auto engine = accel::run::createExecutionEngine(*module);
  if (!engine) {
    out->error = llvm::toString(engine.takeError());
    return out;
  }
  out->engine = std::move(*engine);
  // Resolving the symbol forces the (lazy) materialization: part of the JIT
  // time, not of the first call.
  auto fn = out->engine->lookupPacked("_mlir_ciface_f");
  if (!fn) {
    out->error = llvm::toString(fn.takeError());
    return out;
  }
  out->jitSeconds = secondsSince(start);

  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  for (auto &[kind, shape] : c.inputs) {
    HostArray array(kind, shape);
    for (int64_t i = 0, e = array.getNumElements(); i < e; ++i)
      array.set(i, uniform(rng));
    out->inputs.push_back(std::move(array));
  }
  // Descriptors {allocated, aligned, offset, sizes, strides} of the inputs.
  for (HostArray &array : out->inputs) {
    int64_t rank = array.shape.size();
    std::vector<int64_t> words(3 + 2 * rank, 0);
    words[0] = words[1] = reinterpret_cast<int64_t>(array.bytes.data());
    int64_t stride = 1;
    for (int64_t i = rank - 1; i >= 0; --i) {
      words[3 + i] = array.shape[i];
      words[3 + rank + i] = stride;
      stride *= array.shape[i];
    }
    out->descriptors.push_back(std::move(words));
  }
  out->resultRanks = c.resultRanks;
  size_t resultWords = 0;
  for (int64_t rank : c.resultRanks)
    resultWords += 3 + 2 * rank;
  out->results.assign(resultWords, 0);
  return out;
}

/// Calls @f once and frees its results (fresh allocations in every case
/// here: no result aliases an input or a constant).
void invoke(Compiled &c) {
  SmallVector<void *> pointers;
  pointers.push_back(c.results.data());
  for (auto &words : c.descriptors)
    pointers.push_back(words.data());
  SmallVector<void *> packed;
  for (void *&p : pointers)
    packed.push_back(&p);
  if (llvm::Error error = c.engine->invokePacked("_mlir_ciface_f", packed)) {
    llvm::errs() << "call failed: " << llvm::toString(std::move(error)) << "\n";
    std::abort();
  }
  const int64_t *words = c.results.data();
  for (int64_t rank : c.resultRanks) {
    std::free(reinterpret_cast<void *>(words[0]));
    words += 3 + 2 * rank;
  }
}

void runCase(benchmark::State &state, const Case &c) {
  // Google Benchmark calls this more than once per case; compile once.
  // Never destroyed: engines torn down after LLVM's statics crash at exit.
  static auto *cache = new std::map<std::string, std::unique_ptr<Compiled>>;
  std::unique_ptr<Compiled> &compiled = (*cache)[c.source];
  if (!compiled)
    compiled = compile(c);
  if (!compiled->error.empty()) {
    state.SkipWithError(compiled->error.c_str());
    return;
  }
  for (auto _ : state)
    invoke(*compiled);
  state.counters["lower_ms"] = compiled->lowerSeconds * 1e3;
  state.counters["jit_ms"] = compiled->jitSeconds * 1e3;
  state.counters["GFLOPS"] = benchmark::Counter(
      c.flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

std::string tensorType(ArrayRef<int64_t> shape, StringRef element) {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += std::to_string(d) + "x";
  return s + element.str() + ">";
}

ElementKind kindOf(StringRef element) {
  return element == "bf16" ? ElementKind::BF16 : ElementKind::F32;
}

/// accel.matmul a[batch..., m, k] x b[batch..., k, n] (or b[..., n, k] with
/// transpose_b) -> f32.
Case matmulCase(SmallVector<int64_t> batch, int64_t m, int64_t n, int64_t k,
                StringRef element, bool transposeB) {
  SmallVector<int64_t> a = batch, b = batch, r = batch;
  a.append({m, k});
  if (transposeB)
    b.append({n, k});
  else
    b.append({k, n});
  r.append({m, n});
  Case c;
  std::string at = tensorType(a, element), bt = tensorType(b, element),
              rt = tensorType(r, "f32");
  c.source = llvm::formatv(
      "func.func @f(%a: {0}, %b: {1}) -> {2} {{\n"
      "  %r = accel.matmul %a, %b {{transpose_b = {3}} : ({0}, {1}) -> {2}\n"
      "  return %r : {2}\n}\n",
      at, bt, rt, transposeB ? "true" : "false");
  c.inputs = {{kindOf(element), a}, {kindOf(element), b}};
  c.resultRanks = {static_cast<int64_t>(r.size())};
  double batchSize = 1;
  for (int64_t d : batch)
    batchSize *= d;
  c.flops = 2.0 * batchSize * m * n * k;
  return c;
}

/// accel.attention q, k, v: [b, h, s, d] -> out [b, h, s, d] in the inputs'
/// element type.
Case attentionCase(int64_t b, int64_t h, int64_t s, int64_t d,
                   StringRef element, bool causal) {
  Case c;
  std::string t = tensorType({b, h, s, d}, element);
  c.source = llvm::formatv(
      "func.func @f(%q: {0}, %k: {0}, %v: {0}) -> {0} {{\n"
      "  %o = accel.attention %q, %k, %v {{causal = {1}} : ({0}, {0}, {0}) "
      "-> {0}\n"
      "  return %o : {0}\n}\n",
      t, causal ? "true" : "false");
  SmallVector<int64_t> shape = {b, h, s, d};
  c.inputs = {{kindOf(element), shape},
              {kindOf(element), shape},
              {kindOf(element), shape}};
  c.resultRanks = {4};
  // The two contractions (q k^T and p v); a causal mask skips no work in the
  // reference formulation, so the count is the same.
  c.flops = 4.0 * b * h * s * s * d;
  return c;
}

/// accel.monarch_matmul x[n, m*k] with the two block-diagonal factors.
Case monarchCase(int64_t rows, int64_t m, int64_t k) {
  Case c;
  int64_t width = m * k;
  std::string xt = tensorType({rows, width}, "f32");
  std::string l = tensorType({m, k, k}, "f32");
  std::string r = tensorType({k, m, m}, "f32");
  c.source = llvm::formatv(
      "func.func @f(%x: {0}, %l: {1}, %r: {2}) -> {0} {{\n"
      "  %y = accel.monarch_matmul %x, %l, %r : ({0}, {1}, {2}) -> {0}\n"
      "  return %y : {0}\n}\n",
      xt, l, r);
  c.inputs = {{ElementKind::F32, {rows, width}},
              {ElementKind::F32, {m, k, k}},
              {ElementKind::F32, {k, m, m}}};
  c.resultRanks = {2};
  c.flops = 2.0 * rows * width * (k + m);
  return c;
}

void registerCases() {
  auto add = [](const std::string &name, Case c) {
    benchmark::RegisterBenchmark(
        name.c_str(), [c](benchmark::State &state) { runCase(state, c); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->MinTime(0.5);
  };
  for (int64_t size : {256, 512, 1000, 1023, 1024, 1025})
    add(llvm::formatv("Matmul/f32/{0}x{0}x{0}", size).str(),
        matmulCase({}, size, size, size, "f32", false));
  add("Matmul/f32/1x1024x1024", matmulCase({}, 1, 1024, 1024, "f32", false));
  add("Matmul/f32/1024x1024x1024/transpose_b",
      matmulCase({}, 1024, 1024, 1024, "f32", true));
  add("Matmul/bf16/1024x1024x1024", matmulCase({}, 1024, 1024, 1024, "bf16",
                                               false));
  add("BatchMatmul/f32/16x256x256x256",
      matmulCase({16}, 256, 256, 256, "f32", false));
  add("BatchMatmul/f32/8x1023x64x1023/transpose_b",
      matmulCase({8}, 1023, 1023, 64, "f32", true));
  add("Attention/f32/4x8x512x64", attentionCase(4, 8, 512, 64, "f32", false));
  add("Attention/f32/1x8x1024x64", attentionCase(1, 8, 1024, 64, "f32", false));
  add("Attention/f32/1x8x1024x64/causal",
      attentionCase(1, 8, 1024, 64, "f32", true));
  add("Attention/bf16/1x8x1024x64",
      attentionCase(1, 8, 1024, 64, "bf16", false));
  add("Monarch/f32/1024x(32x32)", monarchCase(1024, 32, 32));
}

} // namespace

int main(int argc, char **argv) {
  // Our flag first; Google Benchmark rejects flags it does not know.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg.consume_front("--cpu-reference-options="))
      pipelineOptions = arg.str();
    else
      argv[kept++] = argv[i];
  }
  argc = kept;
  registerCases();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
