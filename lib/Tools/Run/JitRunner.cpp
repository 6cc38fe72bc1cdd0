//===- JitRunner.cpp - run accel functions on the CPU ---------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/JitRunner.h"

#include "accel/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"

#include <chrono>
#include <cstdlib>
#include <cstring>

using namespace mlir;
using namespace accel::run;

static llvm::Error runError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
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

/// Gives `func`'s arguments the inputs' static shapes; a tensor.cast back
/// to the declared type keeps the body valid.
static llvm::Error specializeArguments(func::FuncOp func,
                                       ArrayRef<HostArray> inputs) {
  if (inputs.size() != func.getNumArguments())
    return runError("@" + func.getSymName() + " takes " +
                    llvm::Twine(func.getNumArguments()) + " arguments, got " +
                    llvm::Twine(inputs.size()) + " inputs");
  Block &entry = func.getBody().front();
  OpBuilder builder = OpBuilder::atBlockBegin(&entry);
  SmallVector<Type> newTypes;
  for (auto [i, arg] : llvm::enumerate(entry.getArguments())) {
    auto declared = cast<RankedTensorType>(arg.getType());
    const HostArray &input = inputs[i];
    bool fits = declared.getRank() == static_cast<int64_t>(input.shape.size());
    for (int64_t d = 0; fits && d < declared.getRank(); ++d)
      fits = declared.isDynamicDim(d) ||
             declared.getDimSize(d) == input.shape[d];
    if (!fits || getElementKind(declared.getElementType()) != input.kind)
      return runError("input #" + llvm::Twine(i) + " is " + input.describe() +
                      ", but the argument is " +
                      llvm::Twine(llvm::formatv("{0}", declared)));
    auto concrete = RankedTensorType::get(input.shape,
                                          declared.getElementType());
    newTypes.push_back(concrete);
    if (concrete == declared)
      continue;
    arg.setType(concrete);
    auto cast = tensor::CastOp::create(builder, func.getLoc(), declared, arg);
    arg.replaceAllUsesExcept(cast.getResult(), cast);
  }
  func.setFunctionType(
      builder.getFunctionType(newTypes, func.getFunctionType().getResults()));
  return llvm::Error::success();
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
  return ExecutionEngine::create(lowered, options);
}

llvm::Expected<RunOutputs> accel::run::runFunction(ModuleOp source,
                                                   StringRef entry,
                                                   StringRef pipeline,
                                                   ArrayRef<HostArray> inputs) {
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
  if (llvm::Error error = specializeArguments(*func, inputs))
    return std::move(error);
  eraseUnreachableFunctions(*module, *func);

  PassManager pm(module->getContext());
  if (!pipeline.empty()) {
    std::string error;
    llvm::raw_string_ostream errorStream(error);
    if (failed(parsePassPipeline(pipeline, pm, errorStream)))
      return runError("bad --pipeline '" + pipeline + "': " + error);
  }
  accel::buildCpuReferencePipeline(pm, accel::CpuReferencePipelineOptions());
  if (failed(pm.run(*module)))
    return runError("lowering @" + entry + " for the CPU failed (see the "
                    "diagnostics above)");

  llvm::Expected<std::unique_ptr<ExecutionEngine>> engine =
      createExecutionEngine(*module);
  if (!engine)
    return engine.takeError();

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
  if (llvm::Error error =
          (*engine)->invokePacked(("_mlir_ciface_" + entry).str(), packed))
    return std::move(error);
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
