//===- JitRunner.cpp - run accel functions on the CPU ---------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/JitRunner.h"

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"

#include <chrono>
#include <cmath>
#include <csetjmp>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace accel::run;

static llvm::Error runError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

char RuntimeCheckError::ID = 0;
char ReportedError::ID = 0;

//===----------------------------------------------------------------------===//
// Failed run-time checks
//===----------------------------------------------------------------------===//
//
// The CPU pipeline runs with runtime-checks=report: a failed check calls
// __accel_runtime_check_failed(message), which jumps back to the call site
// in invokeChecked. The compiled code has no destructors to skip and its
// buffers are left to the process (accel-run is short-lived), so leaving
// its frames with longjmp is sound.

namespace {
struct CheckState {
  std::jmp_buf *resume = nullptr;
  const char *message = nullptr;
};
} // namespace

static thread_local CheckState checkState;

extern "C" [[noreturn]] void accelRuntimeCheckFailed(const char *message) {
  checkState.message = message;
  if (!checkState.resume) {
    // Called outside invokeChecked: nothing to return to.
    std::fprintf(stderr, "%s\n", message);
    std::abort();
  }
  std::longjmp(*checkState.resume, 1);
}

#if defined(__x86_64__)
/// f32 -> bf16 (round to nearest even, NaN quieted), the compiler-rt /
/// libgcc builtin that LLVM's x86 backend calls where the CPU has no
/// AVX512-BF16: it legalizes bf16 vectors (even their shuffles) through f32.
/// GCC 12's libgcc has none, so the JIT gets this one. The result is the
/// bf16 bits in xmm0, as the psABI passes _Float16.
extern "C" _Float16 accelTruncSfBf2(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  uint16_t rounded =
      (bits & 0x7fffffffu) > 0x7f800000u
          ? uint16_t((bits >> 16) | 0x40u)
          : uint16_t((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);
  _Float16 result;
  std::memcpy(&result, &rounded, sizeof(result));
  return result;
}

/// f64 -> bf16 (round to nearest even): f32 rounded to odd first, which
/// keeps the final rounding correct (f32 has more than bf16's 8 bits + 2),
/// then accelTruncSfBf2. The libcall of an fptrunc double to bfloat.
extern "C" _Float16 accelTruncDfBf2(double value) {
  float narrowed = static_cast<float>(value);
  if (!std::isnan(value) && static_cast<double>(narrowed) != value) {
    // Inexact: the f32 toward zero, with its last bit set (round to odd).
    uint32_t bits;
    std::memcpy(&bits, &narrowed, sizeof(bits));
    if (std::fabs(static_cast<double>(narrowed)) > std::fabs(value))
      bits -= 1;
    bits |= 1u;
    std::memcpy(&narrowed, &bits, sizeof(bits));
  }
  return accelTruncSfBf2(narrowed);
}
#endif

/// The compiled code's allocations (memref.alloc becomes malloc): a result
/// too large for the machine is reported like a failed check instead of
/// crashing on a null pointer.
extern "C" void *accelCheckedMalloc(size_t bytes) {
  if (void *memory = std::malloc(bytes))
    return memory;
  static thread_local std::string message;
  message = "error: out of memory: the compiled code needs a buffer of " +
            std::to_string(bytes) + " bytes";
  accelRuntimeCheckFailed(message.c_str());
}

/// Calls `function(arguments)`; returns the message of the check that
/// failed, or null. No object with a destructor lives in this frame across
/// the setjmp.
static const char *invokeChecked(void (*function)(void **),
                                 void **arguments) {
  std::jmp_buf resume;
  std::jmp_buf *outer = checkState.resume;
  checkState.resume = &resume;
  checkState.message = nullptr;
  if (setjmp(resume) == 0)
    function(arguments);
  checkState.resume = outer;
  return checkState.message;
}

static llvm::Expected<func::FuncOp> lookupEntry(ModuleOp module,
                                                StringRef entry) {
  auto func = module.lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isExternal())
    return runError("no function '@" + entry + "' with a body in the module");
  return func;
}

/// The kind and shape of a tensor type accel-run can pass, or an error
/// naming `what`.
static llvm::Expected<ArgumentType> describeTensorType(Type type,
                                                       const llvm::Twine &what) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return runError(what + " has type " + llvm::Twine(llvm::formatv("{0}", type)) +
                    "; accel-run passes ranked tensors only");
  std::optional<ElementKind> kind = getElementKind(tensor.getElementType());
  if (!kind)
    return runError(what + " has unsupported element type " +
                    llvm::Twine(llvm::formatv("{0}", tensor.getElementType())));
  return ArgumentType{*kind, SmallVector<int64_t>(tensor.getShape())};
}

llvm::Expected<SmallVector<ArgumentType>>
accel::run::getArgumentTypes(ModuleOp module, StringRef entry) {
  llvm::Expected<func::FuncOp> func = lookupEntry(module, entry);
  if (!func)
    return func.takeError();
  SmallVector<ArgumentType> types;
  for (auto [i, type] : llvm::enumerate(func->getArgumentTypes())) {
    llvm::Expected<ArgumentType> arg =
        describeTensorType(type, "argument #" + llvm::Twine(i));
    if (!arg)
      return arg.takeError();
    types.push_back(*arg);
  }
  return types;
}

/// Checks that `inputs` fit `func`'s declared argument types.
static llvm::Error checkArguments(func::FuncOp func,
                                  ArrayRef<HostArray> inputs) {
  if (inputs.size() != func.getNumArguments())
    return runError("@" + func.getSymName() + " takes " +
                    llvm::Twine(func.getNumArguments()) + " arguments, got " +
                    llvm::Twine(inputs.size()) + " inputs");
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto declared = cast<RankedTensorType>(type);
    const HostArray &input = inputs[i];
    bool fits = declared.getRank() == static_cast<int64_t>(input.shape.size());
    for (int64_t d = 0; fits && d < declared.getRank(); ++d)
      fits = declared.isDynamicDim(d) ||
             declared.getDimSize(d) == input.shape[d];
    if (!fits || getElementKind(declared.getElementType()) != input.kind)
      return runError("input #" + llvm::Twine(i) + " is " + input.describe() +
                      ", but the argument is " +
                      llvm::Twine(llvm::formatv("{0}", declared)));
  }
  return llvm::Error::success();
}

/// Gives `func`'s arguments the inputs' static shapes (which checkArguments
/// accepted); a tensor.cast back to the declared type keeps the body valid.
static void specializeArguments(func::FuncOp func, ArrayRef<HostArray> inputs) {
  Block &entry = func.getBody().front();
  OpBuilder builder = OpBuilder::atBlockBegin(&entry);
  SmallVector<Type> newTypes;
  for (auto [i, arg] : llvm::enumerate(entry.getArguments())) {
    auto declared = cast<RankedTensorType>(arg.getType());
    auto concrete =
        RankedTensorType::get(inputs[i].shape, declared.getElementType());
    newTypes.push_back(concrete);
    if (concrete == declared)
      continue;
    arg.setType(concrete);
    auto cast = tensor::CastOp::create(builder, func.getLoc(), declared, arg);
    arg.replaceAllUsesExcept(cast.getResult(), cast);
  }
  func.setFunctionType(
      builder.getFunctionType(newTypes, func.getFunctionType().getResults()));
}

/// With the inputs' shapes known, sizes that were dynamic in the IR are
/// static: re-runs the verifier of every accel op that reads a specialized
/// argument with the argument's static type, so that mismatched inputs are
/// reported by the op's own shape rules, at its location, instead of
/// reaching the lowering (where static sizes that disagree make invalid IR).
static LogicalResult verifyWithInputShapes(func::FuncOp func) {
  Block &entry = func.getBody().front();
  IRMapping staticOperands;
  for (BlockArgument arg : entry.getArguments())
    for (Operation *user : arg.getUsers())
      if (auto cast = dyn_cast<tensor::CastOp>(user))
        staticOperands.map(cast.getResult(), arg);
  bool ok = true;
  func.walk([&](Operation *op) {
    if (!isa<accel::AccelDialect>(op->getDialect()))
      return;
    if (llvm::none_of(op->getOperands(), [&](Value operand) {
          return staticOperands.contains(operand);
        }))
      return;
    OpBuilder builder(op);
    // clone() records the probe's results in the mapping: use a copy.
    IRMapping mapping = staticOperands;
    Operation *probe = builder.clone(*op, mapping);
    ok &= succeeded(verify(probe, /*verifyRecursively=*/false));
    probe->erase();
  });
  return success(ok);
}

/// Erases the functions `entry` does not reach: they need not compile (nor
/// be compilable) for this run.
static void eraseUnreachableFunctions(ModuleOp module, func::FuncOp entry) {
  llvm::SmallPtrSet<Operation *, 8> reachable{entry};
  SmallVector<Operation *> worklist{entry};
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    std::optional<SymbolTable::UseRange> uses = SymbolTable::getSymbolUses(op);
    if (!uses)
      continue;
    for (const SymbolTable::SymbolUse &use : *uses) {
      Operation *callee =
          SymbolTable::lookupSymbolIn(module, use.getSymbolRef());
      if (callee && reachable.insert(callee).second)
        worklist.push_back(callee);
    }
  }
  for (auto func : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
    if (!reachable.contains(func))
      func.erase();
}

namespace {
/// A ranked memref descriptor as the C interface lays it out:
/// {allocated, aligned, offset, sizes[rank], strides[rank]}, all 8 bytes.
struct Descriptor {
  std::vector<int64_t> words;

  static Descriptor forInput(HostArray &array) {
    Descriptor d;
    int64_t rank = array.shape.size();
    d.words.assign(3 + 2 * rank, 0);
    uint8_t *data = array.bytes.data();
    d.words[0] = reinterpret_cast<int64_t>(data);
    d.words[1] = reinterpret_cast<int64_t>(data);
    int64_t stride = 1;
    for (int64_t i = rank - 1; i >= 0; --i) {
      d.words[3 + i] = array.shape[i];
      d.words[3 + rank + i] = stride;
      stride *= array.shape[i];
    }
    return d;
  }
};
} // namespace

/// Copies a result out of the descriptor at `words` (any strides).
static HostArray readResult(const int64_t *words, const ArgumentType &type) {
  int64_t rank = type.shape.size();
  SmallVector<int64_t> shape(words + 3, words + 3 + rank);
  const int64_t *strides = words + 3 + rank;
  HostArray array(type.kind, shape);
  size_t size = getElementByteSize(type.kind);
  auto *base = reinterpret_cast<const uint8_t *>(words[1]) + words[2] * size;
  for (int64_t i = 0, e = array.getNumElements(); i < e; ++i) {
    SmallVector<int64_t> index = unflattenIndex(i, shape);
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += index[d] * strides[d];
    std::memcpy(array.bytes.data() + i * size, base + offset * size, size);
  }
  return array;
}

llvm::Expected<std::unique_ptr<ExecutionEngine>>
accel::run::createExecutionEngine(ModuleOp lowered) {
  static bool targetsInitialized = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)targetsInitialized;
  // Code generation targets the host CPU and its features (AVX2/FMA,
  // AVX-512 where present): without a TargetMachine, ExecutionEngine::create
  // builds one with JITTargetMachineBuilder::detectHost(). The IR optimizer
  // below gets none, so its cost models assume no vector registers; giving
  // it the host's was measured (docs/performance.md, "CPU reference path")
  // to speed nothing up by more than the noise (the hot code is vectorized
  // in MLIR already) while multiplying the JIT time of an attention by 7.
  ExecutionEngineOptions options;
  auto transformer = makeOptimizingTransformer(/*optLevel=*/3, /*sizeLevel=*/0,
                                               /*targetMachine=*/nullptr);
  options.transformer = transformer;
  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      ExecutionEngine::create(lowered, options);
  if (!engine)
    return engine.takeError();
  // The hooks of the compiled code: failed run-time checks (in the
  // pipeline's runtime-checks=report mode) and allocations that fail.
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    symbols[interner("__accel_runtime_check_failed")] = {
        llvm::orc::ExecutorAddr::fromPtr(&accelRuntimeCheckFailed),
        llvm::JITSymbolFlags::Exported};
    symbols[interner("malloc")] = {
        llvm::orc::ExecutorAddr::fromPtr(&accelCheckedMalloc),
        llvm::JITSymbolFlags::Exported};
#if defined(__x86_64__)
    symbols[interner("__truncsfbf2")] = {
        llvm::orc::ExecutorAddr::fromPtr(&accelTruncSfBf2),
        llvm::JITSymbolFlags::Exported};
    symbols[interner("__truncdfbf2")] = {
        llvm::orc::ExecutorAddr::fromPtr(&accelTruncDfBf2),
        llvm::JITSymbolFlags::Exported};
#endif
    return symbols;
  });
  return engine;
}

llvm::Expected<RunOutputs>
accel::run::runFunction(ModuleOp source, StringRef entry, StringRef pipeline,
                        ArrayRef<HostArray> inputs, const RunOptions &runOptions) {
  OwningOpRef<ModuleOp> module(cast<ModuleOp>(source->clone()));
  llvm::Expected<func::FuncOp> func = lookupEntry(*module, entry);
  if (!func)
    return func.takeError();
  SmallVector<ArgumentType> resultTypes;
  for (auto [i, type] : llvm::enumerate(func->getResultTypes())) {
    llvm::Expected<ArgumentType> result =
        describeTensorType(type, "result #" + llvm::Twine(i));
    if (!result)
      return result.takeError();
    resultTypes.push_back(*result);
  }
  if (llvm::Error error = checkArguments(*func, inputs))
    return std::move(error);
  if (runOptions.specializeShapes) {
    specializeArguments(*func, inputs);
    if (failed(verifyWithInputShapes(*func)))
      return llvm::make_error<ReportedError>();
  }
  eraseUnreachableFunctions(*module, *func);

  PassManager pm(module->getContext());
  if (!pipeline.empty()) {
    std::string error;
    llvm::raw_string_ostream errorStream(error);
    if (failed(parsePassPipeline(pipeline, pm, errorStream)))
      return runError("bad --pipeline '" + pipeline + "': " + error);
  }
  accel::CpuReferencePipelineOptions cpuOptions;
  cpuOptions.runtimeChecks = "report";
  accel::buildCpuReferencePipeline(pm, cpuOptions);
  if (failed(pm.run(*module)))
    return runError("lowering @" + entry + " for the CPU failed (see the "
                    "diagnostics above)");

  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      createExecutionEngine(*module);
  if (!engine)
    return engine.takeError();
  llvm::Expected<void (*)(void **)> function =
      (*engine)->lookupPacked(("_mlir_ciface_" + entry).str());
  if (!function)
    return function.takeError();

  // Arguments: the result struct's address first, then one descriptor
  // address per input (the C interface of a function returning memrefs).
  SmallVector<HostArray> ownedInputs(inputs.begin(), inputs.end());
  std::vector<Descriptor> descriptors;
  for (HostArray &input : ownedInputs)
    descriptors.push_back(Descriptor::forInput(input));
  size_t resultWords = 0;
  for (const ArgumentType &type : resultTypes)
    resultWords += 3 + 2 * type.shape.size();
  std::vector<int64_t> resultStorage(std::max<size_t>(resultWords, 1), 0);
  SmallVector<void *> pointers;
  void *resultPointer = resultStorage.data();
  if (!resultTypes.empty())
    pointers.push_back(resultPointer);
  for (Descriptor &d : descriptors)
    pointers.push_back(d.words.data());
  SmallVector<void *> packed;
  for (void *&p : pointers)
    packed.push_back(&p);

  auto start = std::chrono::steady_clock::now();
  if (const char *failure = invokeChecked(*function, packed.data()))
    return llvm::make_error<RuntimeCheckError>(failure);
  auto stop = std::chrono::steady_clock::now();

  RunOutputs outputs;
  outputs.seconds = std::chrono::duration<double>(stop - start).count();
  // Results are copied out and their buffers left alone: they may be
  // globals (constants), inputs, or each other, and the process is short.
  const int64_t *words = resultStorage.data();
  for (const ArgumentType &type : resultTypes) {
    outputs.results.push_back(readResult(words, type));
    words += 3 + 2 * type.shape.size();
  }
  return outputs;
}
