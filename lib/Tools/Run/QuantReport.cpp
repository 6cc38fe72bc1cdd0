//===- QuantReport.cpp - FP8 versus INT8 per layer ------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The entry is run once with the operands of every accel.matmul in its body
// returned as extra results, so the report sees the activations a real
// input produces, not a guess at their distribution. Quantization is
// simulated in double precision: symmetric scales absmax / qmax per group
// (an all-zero group gets 1, as accel.quantize does), round half to even
// and clamp for INT8, a saturating round-to-nearest-even conversion for the
// FP8 formats (APFloat's Float8E4M3FN and Float8E5M2), then dequantized.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/QuantReport.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Tools/Run/JitRunner.h"
#include "accel/Dialect/Accel/Transforms/Calibration.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <cmath>
#include <functional>

using namespace mlir;
using namespace accel;
using namespace accel::run;

namespace {

constexpr llvm::StringLiteral kFormats[] = {"int8", "e4m3", "e5m2"};

double getMaxValue(StringRef format) {
  if (format == "int8")
    return 127.0;
  return format == "e4m3" ? 448.0 : 57344.0;
}

/// `values` quantized to `format` and dequantized, one absmax scale per
/// group (`groupOf(i)` in [0, numGroups)).
std::vector<double>
fakeQuantizeGroups(ArrayRef<double> values, StringRef format,
                   int64_t numGroups,
                   const std::function<int64_t(int64_t)> &groupOf) {
  std::vector<double> absmax(numGroups, 0.0);
  for (int64_t i = 0, e = values.size(); i < e; ++i)
    absmax[groupOf(i)] = std::max(absmax[groupOf(i)], std::fabs(values[i]));
  double qmax = getMaxValue(format);
  std::vector<double> result(values.size());
  for (int64_t i = 0, e = values.size(); i < e; ++i) {
    double m = absmax[groupOf(i)];
    result[i] = fakeQuantize(values[i], m == 0 ? 1.0 : m / qmax, format);
  }
  return result;
}

/// The relative Frobenius distance of `approx` from `exact`.
double relativeError(ArrayRef<double> approx, ArrayRef<double> exact) {
  double error = 0, norm = 0;
  for (auto [a, e] : llvm::zip_equal(approx, exact)) {
    error += (a - e) * (a - e);
    norm += e * e;
  }
  return norm == 0 ? 0.0 : std::sqrt(error / norm);
}

/// The relative Frobenius error of `values` quantized with one scale per
/// group.
double groupedError(ArrayRef<double> values, StringRef format,
                    int64_t numGroups,
                    const std::function<int64_t(int64_t)> &groupOf) {
  return relativeError(fakeQuantizeGroups(values, format, numGroups, groupOf),
                       values);
}

std::vector<double> toDoubles(const HostArray &array) {
  std::vector<double> values(array.getNumElements());
  for (int64_t i = 0, e = values.size(); i < e; ++i)
    values[i] = array.get(i);
  return values;
}

/// One row of the table: the error in each format, and the best one.
void printRow(llvm::raw_ostream &os, StringRef tensor, StringRef granularity,
              ArrayRef<double> errors) {
  os << "  " << llvm::left_justify(tensor, 11)
     << llvm::left_justify(granularity, 17);
  int64_t best = std::min_element(errors.begin(), errors.end()) - errors.begin();
  for (double error : errors)
    os << llvm::format("%-11.3e", error);
  os << kFormats[best] << "\n";
}

/// The output channel of element `i` of a weight [k, n] (or [n, k]).
int64_t weightChannel(int64_t i, int64_t k, int64_t n, bool transposeB) {
  return transposeB ? i / k : i % n;
}

/// A W for A: [rows, k] and W: [k, n] (or [n, k] when transposed).
std::vector<double> multiply(ArrayRef<double> a, ArrayRef<double> w,
                             int64_t rows, int64_t k, int64_t n,
                             bool transposeB) {
  std::vector<double> out(rows * n, 0.0);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t nn = 0; nn < n; ++nn)
      for (int64_t kk = 0; kk < k; ++kk)
        out[r * n + nn] +=
            a[r * k + kk] * w[transposeB ? nn * k + kk : kk * n + nn];
  return out;
}

/// The relative Frobenius error of A W with both operands quantized to
/// `format` (A per row of K, W per output channel), against A W in double.
double outputError(ArrayRef<double> a, ArrayRef<double> w, int64_t rows,
                   int64_t k, int64_t n, bool transposeB, StringRef format) {
  std::vector<double> aq = fakeQuantizeGroups(
      a, format, rows, [&](int64_t i) { return i / k; });
  std::vector<double> wq = fakeQuantizeGroups(w, format, n, [&](int64_t i) {
    return weightChannel(i, k, n, transposeB);
  });
  return relativeError(multiply(aq, wq, rows, k, n, transposeB),
                       multiply(a, w, rows, k, n, transposeB));
}

std::string describeShape(ArrayRef<int64_t> shape) {
  std::string text;
  for (auto [i, size] : llvm::enumerate(shape))
    text += (i ? "x" : "") + std::to_string(size);
  return text;
}

} // namespace

double accel::run::fakeQuantize(double value, double scale, StringRef format) {
  double x = value / scale;
  if (format == "int8")
    return std::clamp(std::nearbyint(x), -128.0, 127.0) * scale;
  double limit = getMaxValue(format);
  llvm::APFloat q(std::clamp(x, -limit, limit));
  bool lossy;
  q.convert(format == "e4m3" ? llvm::APFloat::Float8E4M3FN()
                             : llvm::APFloat::Float8E5M2(),
            llvm::APFloat::rmNearestTiesToEven, &lossy);
  q.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &lossy);
  return q.convertToDouble() * scale;
}

double accel::run::quantizationError(ArrayRef<double> values,
                                     StringRef format, int64_t groupSize) {
  int64_t size = values.size();
  groupSize = std::max<int64_t>(1, std::min(groupSize, size));
  return groupedError(values, format, (size + groupSize - 1) / groupSize,
                      [&](int64_t i) { return i / groupSize; });
}

llvm::Expected<MatmulOperandRun>
accel::run::runReturningMatmulOperands(ModuleOp module, StringRef entry,
                                       ArrayRef<HostArray> inputs) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  MatmulOperandRun run;
  run.probe = module.clone();
  auto func = run.probe->lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isExternal())
    return error("no function @" + entry + " with a body to run");
  if (!func.getBody().hasOneBlock())
    return error("@" + entry +
                 " has more than one block; the operands of its matmuls can "
                 "only be returned from a single-block body");
  // The matmuls of the body (not inside dispatches: their operands are
  // block arguments, which a function cannot return).
  for (Operation &op : func.getBody().front())
    if (auto matmul = dyn_cast<MatmulOp>(op))
      run.matmuls.push_back(matmul);
  if (run.matmuls.empty())
    return run;
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  SmallVector<Value> returned(ret.getOperands());
  run.numOriginalResults = returned.size();
  for (MatmulOp matmul : run.matmuls) {
    returned.push_back(matmul.getA());
    returned.push_back(matmul.getB());
  }
  OpBuilder builder(ret);
  func::ReturnOp::create(builder, ret.getLoc(), returned);
  ret.erase();
  SmallVector<Type> resultTypes;
  for (Value value : returned)
    resultTypes.push_back(value.getType());
  func.setFunctionType(
      FunctionType::get(run.probe->getContext(), func.getArgumentTypes(),
                        resultTypes));
  llvm::Expected<RunOutputs> outputs =
      runFunction(*run.probe, entry, "", inputs, RunOptions{});
  if (!outputs)
    return outputs.takeError();
  run.outputs = std::move(*outputs);
  return run;
}

llvm::Error accel::run::printQuantReport(ModuleOp module, StringRef entry,
                                         ArrayRef<HostArray> inputs,
                                         llvm::raw_ostream &os) {
  llvm::Expected<MatmulOperandRun> run =
      runReturningMatmulOperands(module, entry, inputs);
  if (!run)
    return run.takeError();
  MutableArrayRef<MatmulOp> matmuls = run->matmuls;
  if (matmuls.empty()) {
    os << "quant-report: @" << entry
       << " has no accel.matmul in its body (run it before accel-optimize "
          "forms dispatches)\n";
    return llvm::Error::success();
  }
  unsigned numOriginal = run->numOriginalResults;
  RunOutputs *outputs = &run->outputs;

  os << "quant-report: @" << entry << ", " << matmuls.size()
     << " accel.matmul (relative Frobenius error of quantize + dequantize; "
        "symmetric absmax scales)\n";
  for (auto [i, matmul] : llvm::enumerate(matmuls)) {
    const HostArray &a = outputs->results[numOriginal + 2 * i];
    const HostArray &w = outputs->results[numOriginal + 2 * i + 1];
    std::string location;
    llvm::raw_string_ostream(location) << matmul.getLoc();
    os << "layer " << i << ": " << location << " accel.matmul ["
       << describeShape(a.shape) << "] x [" << describeShape(w.shape) << "]"
       << (matmul.getTransposeB() ? " transpose_b" : "") << "\n";
    os << "  " << llvm::left_justify("tensor", 11)
       << llvm::left_justify("granularity", 17);
    for (StringRef format : kFormats)
      os << llvm::left_justify(format, 11);
    os << "best\n";
    std::vector<double> av = toDoubles(a), wv = toDoubles(w);
    int64_t k = a.shape.empty() ? 1 : a.shape.back();
    int64_t rows = k == 0 ? 0 : int64_t(av.size()) / k;
    SmallVector<double> errors;
    auto row = [&](StringRef tensor, StringRef granularity,
                   llvm::function_ref<double(StringRef)> measure) {
      errors.clear();
      for (StringRef format : kFormats)
        errors.push_back(measure(format));
      printRow(os, tensor, granularity, errors);
    };
    row("activation", "tensor", [&](StringRef f) {
      return quantizationError(av, f, av.size());
    });
    row("activation", "token", [&](StringRef f) {
      return quantizationError(av, f, k);
    });
    row("weight", "tensor", [&](StringRef f) {
      return quantizationError(wv, f, wv.size());
    });
    if (w.shape.size() != 2) {
      os << "  (weight of rank " << w.shape.size()
         << ": per-channel and output rows need a 2-d weight)\n";
      continue;
    }
    bool transposed = matmul.getTransposeB();
    int64_t n = transposed ? w.shape[0] : w.shape[1];
    row("weight", "channel", [&](StringRef f) {
      return groupedError(wv, f, n, [&](int64_t idx) {
        return weightChannel(idx, k, n, transposed);
      });
    });
    row("output", "token x channel", [&](StringRef f) {
      return outputError(av, wv, rows, k, n, transposed, f);
    });
  }
  return llvm::Error::success();
}

llvm::Error accel::run::calibrate(ModuleOp module, StringRef entry,
                                  ArrayRef<HostArray> inputs,
                                  StringRef path, llvm::raw_ostream &os) {
  llvm::Expected<MatmulOperandRun> run =
      runReturningMatmulOperands(module, entry, inputs);
  if (!run)
    return run.takeError();
  // Several sample runs accumulate into one file.
  CalibrationTable table;
  if (llvm::sys::fs::exists(path)) {
    llvm::Expected<CalibrationTable> existing = readCalibrationFile(path);
    if (!existing)
      return existing.takeError();
    table = std::move(*existing);
  }
  unsigned calibrated = 0;
  for (auto [i, matmul] : llvm::enumerate(run->matmuls)) {
    std::string key = getCalibrationKey(matmul.getLoc());
    if (key.empty()) {
      os << "calibrate: layer " << i
         << " has no file location to be named by; skipped\n";
      continue;
    }
    const HostArray &a = run->outputs.results[run->numOriginalResults + 2 * i];
    double absmax = 0;
    bool finite = true;
    for (int64_t e = 0, n = a.getNumElements(); e < n; ++e) {
      double v = a.get(e);
      finite &= std::isfinite(v);
      absmax = std::max(absmax, std::fabs(v));
    }
    if (!finite)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "calibrate: the activation of layer " + llvm::Twine(i) + " (" + key +
              ") is not finite on these inputs");
    table.record(key, absmax);
    os << "calibrate: layer " << i << ": " << key << " activation absmax "
       << absmax << " (recorded " << table.absmaxByLocation.lookup(key)
       << ")\n";
    ++calibrated;
  }
  if (llvm::Error error = writeCalibrationFile(path, table))
    return error;
  os << "calibrate: @" << entry << ", " << calibrated << " of "
     << run->matmuls.size() << " accel.matmul recorded in " << path << "\n";
  return llvm::Error::success();
}
