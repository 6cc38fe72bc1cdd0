//===- accel-run.cpp - run accel functions on the CPU ---------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Lowers a module through accel's CPU reference pipeline, JIT-compiles it
// and calls one function on inputs read from .npy files or generated from a
// seed. With --compare-pipeline / --compare-entry it is a differential
// checker: the same inputs go through a second pipeline or a second
// function, and the results must agree under the numerics policy
// (docs/numerics.md); the first disagreement is reported with its index and
// both values, and the exit status is 1.
//
//===----------------------------------------------------------------------===//

#include "accel/InitAllDialects.h"
#include "accel/InitAllPasses.h"
#include "accel/Tools/CrashHandler.h"
#include "accel/Tools/LargeStack.h"
#include "accel/Tools/UpstreamGuards.h"
#include "accel/Tools/Run/Compare.h"
#include "accel/Tools/Run/InputGenerator.h"
#include "accel/Tools/Run/JitRunner.h"
#include "accel/Tools/Run/Npy.h"
#include "accel/Tools/Run/CudaRunner.h"
#include "accel/Tools/Run/QuantReport.h"
#include "accel/Tools/ToolVersion.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <random>
#include <unistd.h>

using namespace mlir;
using namespace accel::run;
namespace cl = llvm::cl;

/// accel-run's own options: --help shows these (and the generic --help,
/// --version), not the hundreds that LLVM's libraries register.
static cl::OptionCategory runCategory("accel-run options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input .mlir>"),
                                      cl::init("-"), cl::cat(runCategory));
static cl::opt<std::string>
    entryName("entry",
              cl::desc("function to run (default: @main, or the only "
                       "function with a body)"),
              cl::cat(runCategory));
static cl::list<std::string> inputSpecs(
    "input",
    cl::desc("one per argument, in order: @file.npy, SHAPE[xTYPE] (random, "
             "e.g. 4x8x512x64 or 1023x64xf16), or random (the declared "
             "static shape); missing ones are random"),
    cl::cat(runCategory));
static cl::list<std::string>
    outputSpecs("output",
                cl::desc("one per result, in order: @file.npy, or - "
                         "to skip"),
                cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::desc("seed of the random inputs"),
                              cl::init(1), cl::cat(runCategory));
static cl::opt<std::string>
    pipeline("pipeline",
             cl::desc("passes to run before the CPU reference lowering, e.g. "
                      "accel-optimize"),
             cl::init(""), cl::cat(runCategory));
static cl::opt<std::string> comparePipeline(
    "compare-pipeline",
    cl::desc("differential check: also run with these passes instead of "
             "--pipeline ('none' for no passes) and compare the results"),
    cl::cat(runCategory));
static cl::opt<std::string> compareEntry(
    "compare-entry",
    cl::desc("differential check: also run this function on the same inputs "
             "and compare the results"),
    cl::cat(runCategory));
static cl::opt<double>
    relativeTolerance("rtol", cl::desc("override the relative tolerance"),
                      cl::init(-1.0), cl::cat(runCategory));
static cl::opt<double>
    absoluteTolerance("atol", cl::desc("override the absolute tolerance"),
                      cl::init(-1.0), cl::cat(runCategory));
static cl::opt<std::string>
    saveInputs("save-inputs",
               cl::desc("write the inputs used to PREFIX<i>.npy"),
               cl::cat(runCategory));
static cl::opt<bool> keepDeclaredTypes(
    "keep-declared-types",
    cl::desc("run the entry with its declared (possibly dynamic) argument "
             "types instead of specializing them to the inputs' shapes; runs "
             "the code for dynamic shapes and its run-time checks"),
    cl::init(false), cl::cat(runCategory));
static cl::opt<bool> quantReport(
    "quant-report",
    cl::desc("instead of printing results: for every accel.matmul of the "
             "entry, the INT8 / FP8 E4M3 / FP8 E5M2 quantization error of its "
             "activation, weight and output on these inputs, and the best "
             "format (FP8 versus INT8, per layer)"),
    cl::init(false), cl::cat(runCategory));
static cl::opt<std::string> device(
    "device",
    cl::desc("where the entry runs: cpu (the reference lowering, JIT) or "
             "cuda (accel-translate's CUDA, compiled by nvcc, on GPU 0)"),
    cl::init("cpu"), cl::cat(runCategory));
static cl::opt<std::string> compareDevice(
    "compare-device",
    cl::desc("with --device=cuda: also run on this device (cpu) with the "
             "same inputs and compare; skipped, not failed, without a GPU"),
    cl::cat(runCategory));
static cl::opt<std::string> deviceSm(
    "accel-sm",
    cl::desc("with --device=cuda: the SM to compile for (default: the "
             "device's)"),
    cl::cat(runCategory));
static cl::opt<std::string> nvccPath(
    "nvcc", cl::desc("with --device=cuda: nvcc (default $ACCEL_NVCC, else "
                     "/usr/local/cuda/bin/nvcc)"),
    cl::cat(runCategory));
static cl::opt<std::string> calibrateFile(
    "calibrate",
    cl::desc("instead of printing results: record the largest absolute "
             "value of every accel.matmul's activation on these inputs into "
             "the calibration file FILE (merged with what it holds), for "
             "accel-quantize{calibration=FILE}'s static scales"),
    cl::value_desc("FILE"), cl::cat(runCategory));
static cl::opt<unsigned> printLimit("print-limit",
                                    cl::desc("values of each result to print"),
                                    cl::init(8), cl::cat(runCategory));

/// Prints one comparison line per result; whether all agree.
static bool printComparison(llvm::ArrayRef<HostArray> results,
                            llvm::ArrayRef<HostArray> reference);

/// --device=cuda (with --compare-device=cpu: the CPU reference first, which
/// also sizes dynamic results).
static int runOnCuda(mlir::ModuleOp module, const std::string &entry,
                     const std::string &mainPipeline,
                     llvm::ArrayRef<HostArray> inputs,
                     const RunOptions &runOptions,
                     llvm::function_ref<int(llvm::Error)> reportError);

/// The passes of a pipeline option, as parsePassPipeline takes them onto
/// a module pass manager (an explicit `builtin.module(...)` is unwrapped).
static std::string normalizePipeline(llvm::StringRef passes) {
  passes = passes.trim();
  if (passes == "none")
    return "";
  if (passes.consume_front("builtin.module(") && passes.consume_back(")"))
    return passes.trim().str();
  return passes.str();
}

/// Parses `4x8x512x64` or `1023x64xf16` into a shape and an optional kind.
static std::optional<
    std::pair<SmallVector<int64_t>, std::optional<ElementKind>>>
parseShapeSpec(llvm::StringRef spec) {
  SmallVector<llvm::StringRef> pieces;
  spec.split(pieces, 'x');
  std::optional<ElementKind> kind;
  SmallVector<int64_t> shape;
  for (auto [i, piece] : llvm::enumerate(pieces)) {
    int64_t dim;
    if (!piece.getAsInteger(10, dim) && dim >= 0) {
      shape.push_back(dim);
      continue;
    }
    if (i + 1 != pieces.size() || !(kind = parseElementKind(piece)))
      return std::nullopt;
  }
  return std::make_pair(shape, kind);
}

static llvm::Expected<SmallVector<HostArray>>
makeInputs(ModuleOp module, llvm::StringRef entry) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  llvm::Expected<SmallVector<ArgumentType>> argTypes =
      getArgumentTypes(module, entry);
  if (!argTypes)
    return argTypes.takeError();
  if (inputSpecs.size() > argTypes->size())
    return error(llvm::Twine(inputSpecs.size()) + " --input given, @" + entry +
                 " takes " + llvm::Twine(argTypes->size()) + " arguments");

  // First the shapes (files are read now, random shapes decided), then the
  // random contents, whose ranges depend on the other arguments' shapes.
  SmallVector<std::optional<HostArray>> fromFiles(argTypes->size());
  SmallVector<SmallVector<int64_t>> shapes;
  for (auto [i, type] : llvm::enumerate(*argTypes)) {
    llvm::StringRef spec = i < inputSpecs.size()
                               ? llvm::StringRef(inputSpecs[i])
                               : llvm::StringRef("random");
    if (spec.consume_front("@")) {
      llvm::Expected<HostArray> array = readNpy(spec, type.kind);
      if (!array)
        return array.takeError();
      shapes.push_back(array->shape);
      fromFiles[i] = std::move(*array);
      continue;
    }
    if (spec == "random") {
      if (llvm::any_of(type.shape, ShapedType::isDynamic))
        return error("argument #" + llvm::Twine(i) +
                     " has a dynamic shape; give its shape with --input "
                     "(e.g. --input=16x64)");
      shapes.push_back(type.shape);
      continue;
    }
    auto parsed = parseShapeSpec(spec);
    if (!parsed)
      return error("cannot parse --input='" + spec +
                   "' (expected @file.npy, random, or a shape like 4x8xf32)");
    if (parsed->second && *parsed->second != type.kind)
      return error("--input='" + spec + "' names element type " +
                   getElementKindName(*parsed->second) + ", argument #" +
                   llvm::Twine(i) + " is " + getElementKindName(type.kind));
    shapes.push_back(parsed->first);
  }

  // Random inputs are made here: refuse what cannot fit in memory with a
  // message instead of failing an allocation.
  uint64_t memoryBytes = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) *
                         static_cast<uint64_t>(sysconf(_SC_PAGE_SIZE));
  for (auto [i, shape] : llvm::enumerate(shapes)) {
    if (fromFiles[i])
      continue;
    int64_t bytes = getElementByteSize((*argTypes)[i].kind);
    bool overflow = false;
    for (int64_t dim : shape)
      overflow |= llvm::MulOverflow(bytes, dim, bytes);
    if (overflow || static_cast<uint64_t>(bytes) > memoryBytes / 2)
      return error("input #" + llvm::Twine(i) + " (" +
                   HostArray::describeType((*argTypes)[i].kind, shape) +
                   ") needs more than half of this machine's " +
                   llvm::Twine(memoryBytes >> 20) + " MiB of memory");
  }

  auto func = module.lookupSymbol<func::FuncOp>(entry);
  SmallVector<ArgumentRole> roles = analyzeArgumentRoles(func, shapes);
  std::mt19937_64 rng(seed);
  SmallVector<HostArray> inputs;
  for (auto [i, type] : llvm::enumerate(*argTypes)) {
    if (fromFiles[i])
      inputs.push_back(std::move(*fromFiles[i]));
    else
      inputs.push_back(generateInput(type.kind, shapes[i], roles[i], rng));
  }
  return inputs;
}

static void printSummary(llvm::raw_ostream &os, llvm::StringRef label,
                         const HostArray &array) {
  int64_t count = array.getNumElements();
  double minimum = INFINITY, maximum = -INFINITY, sum = 0.0;
  int64_t nonFinite = 0;
  for (int64_t i = 0; i < count; ++i) {
    double v = array.get(i);
    if (!std::isfinite(v)) {
      ++nonFinite;
      continue;
    }
    minimum = std::fmin(minimum, v);
    maximum = std::fmax(maximum, v);
    sum += v;
  }
  os << label << ": " << array.describe();
  if (count > nonFinite)
    os << " min " << minimum << " max " << maximum << " mean "
       << sum / (count - nonFinite);
  if (nonFinite)
    os << " non-finite " << nonFinite;
  os << "\n  [";
  for (int64_t i = 0; i < std::min<int64_t>(count, printLimit); ++i)
    os << (i ? ", " : "") << array.get(i);
  os << (count > printLimit ? ", ...]\n" : "]\n");
}

static std::string formatIndex(llvm::ArrayRef<int64_t> index) {
  std::string result = "[";
  for (auto [i, v] : llvm::enumerate(index))
    result += (i ? ", " : "") + std::to_string(v);
  return result + "]";
}

static int runMain(MLIRContext &context, ModuleOp module) {
  std::string entry = entryName;
  if (entry.empty()) {
    if (module.lookupSymbol<func::FuncOp>("main")) {
      entry = "main";
    } else {
      SmallVector<func::FuncOp> defined;
      for (auto func : module.getOps<func::FuncOp>())
        if (!func.isExternal())
          defined.push_back(func);
      if (defined.size() != 1) {
        llvm::errs() << "accel-run: the module has " << defined.size()
                     << " functions; choose one with --entry\n";
        return 1;
      }
      entry = defined.front().getSymName().str();
    }
  }
  auto reportError = [](llvm::Error error) {
    // A failed run-time check is already a located diagnostic.
    llvm::handleAllErrors(
        std::move(error),
        [](const RuntimeCheckError &failure) {
          llvm::errs() << failure.getMessage() << "\n";
        },
        [](const ReportedError &) {},
        [](const llvm::ErrorInfoBase &other) {
          llvm::errs() << "accel-run: " << other.message() << "\n";
        });
    return 1;
  };

  llvm::Expected<SmallVector<HostArray>> inputs = makeInputs(module, entry);
  if (!inputs)
    return reportError(inputs.takeError());
  if (!saveInputs.empty())
    for (auto [i, input] : llvm::enumerate(*inputs))
      if (llvm::Error error =
              writeNpy(saveInputs + std::to_string(i) + ".npy", input))
        return reportError(std::move(error));

  if (!calibrateFile.empty()) {
    if (llvm::Error error =
            calibrate(module, entry, *inputs, calibrateFile, llvm::outs()))
      return reportError(std::move(error));
    return 0;
  }

  if (quantReport) {
    if (llvm::Error error =
            printQuantReport(module, entry, *inputs, llvm::outs()))
      return reportError(std::move(error));
    return 0;
  }

  std::string mainPipeline = normalizePipeline(pipeline);
  RunOptions runOptions;
  runOptions.specializeShapes = !keepDeclaredTypes;
  if (device != "cpu" && device != "cuda") {
    llvm::errs() << "accel-run: --device must be cpu or cuda, got '" << device
                 << "'\n";
    return 1;
  }
  if (!compareDevice.empty() && (device != "cuda" || compareDevice != "cpu")) {
    llvm::errs() << "accel-run: --compare-device=cpu goes with --device=cuda\n";
    return 1;
  }
  if (device == "cuda")
    return runOnCuda(module, entry, mainPipeline, *inputs, runOptions,
                     reportError);
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (outputSpecs.size() > func.getNumResults()) {
    llvm::errs() << "accel-run: " << outputSpecs.size() << " --output given, @"
                 << entry << " returns " << func.getNumResults()
                 << " results\n";
    return 1;
  }
  llvm::Expected<RunOutputs> outputs =
      runFunction(module, entry, mainPipeline, *inputs, runOptions);
  if (!outputs)
    return reportError(outputs.takeError());
  llvm::outs() << "@" << entry << " ran in "
               << llvm::format("%.3f", outputs->seconds * 1e3) << " ms\n";
  for (auto [i, result] : llvm::enumerate(outputs->results)) {
    printSummary(llvm::outs(), "result #" + std::to_string(i), result);
    if (i < outputSpecs.size() && outputSpecs[i] != "-") {
      llvm::StringRef path = outputSpecs[i];
      path.consume_front("@");
      if (llvm::Error error = writeNpy(path, result))
        return reportError(std::move(error));
    }
  }

  bool differential =
      comparePipeline.getNumOccurrences() || compareEntry.getNumOccurrences();
  if (!differential)
    return 0;
  std::string otherEntry = compareEntry.empty() ? entry : compareEntry;
  std::string otherPipeline = comparePipeline.getNumOccurrences()
                                  ? normalizePipeline(comparePipeline)
                                  : mainPipeline;
  llvm::Expected<RunOutputs> reference =
      runFunction(module, otherEntry, otherPipeline, *inputs, runOptions);
  if (!reference)
    return reportError(reference.takeError());
  llvm::outs() << "compare: @" << entry << " ["
               << (mainPipeline.empty() ? "no passes" : mainPipeline)
               << "] against @" << otherEntry << " ["
               << (otherPipeline.empty() ? "no passes" : otherPipeline)
               << "]\n";
  if (reference->results.size() != outputs->results.size()) {
    llvm::outs() << "compare: FAILED: " << outputs->results.size()
                 << " results against " << reference->results.size() << "\n";
    return 1;
  }
  return printComparison(outputs->results, reference->results) ? 0 : 1;
}

static bool printComparison(llvm::ArrayRef<HostArray> results,
                            llvm::ArrayRef<HostArray> reference) {
  bool allOk = true;
  for (auto [i, pair] :
       llvm::enumerate(llvm::zip(results, reference))) {
    const HostArray &lhs = std::get<0>(pair), &rhs = std::get<1>(pair);
    Tolerance tolerance = getDefaultTolerance(rhs.kind);
    if (relativeTolerance >= 0)
      tolerance.rtol = relativeTolerance;
    if (absoluteTolerance >= 0)
      tolerance.atol = absoluteTolerance;
    Comparison comparison = compareArrays(lhs, rhs, tolerance);
    llvm::outs() << "compare: result #" << i << " ";
    if (!comparison.structuralError.empty()) {
      llvm::outs() << "FAILED: " << comparison.structuralError << "\n";
      allOk = false;
      continue;
    }
    if (comparison.ok()) {
      llvm::outs() << "ok: " << lhs.describe() << " max abs error "
                   << comparison.maxAbsError << " (rtol " << tolerance.rtol
                   << ", atol " << tolerance.atol << ")\n";
      continue;
    }
    allOk = false;
    llvm::outs() << "FAILED: " << comparison.numMismatches << " of "
                 << lhs.getNumElements() << " elements differ; worst at index "
                 << formatIndex(
                        unflattenIndex(*comparison.worstIndex, lhs.shape))
                 << ": " << comparison.worstLhs << " vs " << comparison.worstRhs
                 << " (rtol " << tolerance.rtol << ", atol " << tolerance.atol
                 << ")\n";
  }
  return allOk;
}

static int runOnCuda(mlir::ModuleOp module, const std::string &entry,
                     const std::string &mainPipeline,
                     llvm::ArrayRef<HostArray> inputs,
                     const RunOptions &runOptions,
                     llvm::function_ref<int(llvm::Error)> reportError) {
  CudaRunOptions options;
  options.pipeline = mainPipeline;
  options.chip = deviceSm;
  options.nvcc = nvccPath;
  std::optional<RunOutputs> reference;
  if (compareDevice == "cpu") {
    llvm::Expected<RunOutputs> cpu =
        runFunction(module, entry, mainPipeline, inputs, runOptions);
    if (!cpu)
      return reportError(cpu.takeError());
    for (const HostArray &result : cpu->results)
      options.resultShapes.push_back(result.shape);
    reference = std::move(*cpu);
  }
  llvm::Expected<RunOutputs> outputs =
      runFunctionOnCuda(module, entry, inputs, options);
  if (!outputs) {
    bool skipped = false;
    llvm::Error rest = llvm::handleErrors(
        outputs.takeError(), [&](const NoDeviceError &error) {
          std::string reason;
          llvm::raw_string_ostream os(reason);
          error.log(os);
          if (reference) {
            llvm::outs() << "compare-device: skipped: no CUDA device ("
                         << reason << ")\n";
            skipped = true;
          } else {
            llvm::errs() << "accel-run: --device=cuda: no CUDA device ("
                         << reason << ")\n";
          }
        });
    if (rest)
      return reportError(std::move(rest));
    return skipped ? 0 : 1;
  }
  llvm::outs() << "@" << entry << " ran on the GPU in "
               << llvm::format("%.3f", outputs->seconds * 1e3) << " ms\n";
  for (auto [i, result] : llvm::enumerate(outputs->results)) {
    printSummary(llvm::outs(), "result #" + std::to_string(i), result);
    if (i < outputSpecs.size() && outputSpecs[i] != "-") {
      llvm::StringRef path = outputSpecs[i];
      path.consume_front("@");
      if (llvm::Error error = writeNpy(path, result))
        return reportError(std::move(error));
    }
  }
  if (!reference)
    return 0;
  llvm::outs() << "compare: @" << entry << " [cuda] against @" << entry
               << " [cpu]\n";
  return printComparison(outputs->results, reference->results) ? 0 : 1;
}

int main(int argc, char **argv) {
  accel::installCrashHandler("accel-run", argv[0]);
  // Unbuffered stdout: what the compiled code prints (printMemref*) is
  // interleaved with accel-run's own output in order.
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  accel::installVersionPrinter("accel-run");
  accel::registerAllPasses();
  accel::test::registerAllTestPasses();
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "accel-run: run accel functions on the CPU\n\n"
      "Lowers the module through --pipeline (any accel-opt pass pipeline; "
      "accel's are\naccel-optimize and accel-cpu-reference, whose options "
      "`accel-opt --help` lists)\nand accel's CPU reference lowering, "
      "JIT-compiles it and calls one function.\nSee docs/accel-run.md.\n");

  return accel::runWithLargeStack([] {
    DialectRegistry registry;
    accel::registerAllDialects(registry);
    registerAllToLLVMIRTranslations(registry);
    MLIRContext context(registry);
    context.loadAllAvailableDialects();

    std::string errorMessage;
    std::unique_ptr<llvm::MemoryBuffer> file =
        openInputFile(inputFile, &errorMessage);
    if (!file) {
      llvm::errs() << "accel-run: " << errorMessage << "\n";
      return 1;
    }
    llvm::SourceMgr sourceMgr;
    unsigned bufferId =
        sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    if (accel::findUpstreamParserCrashes(sourceMgr, bufferId))
      return 1;
    SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
    OwningOpRef<ModuleOp> module =
        parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module)
      return 1;
    return runMain(context, *module);
  });
}
