//===- Npy.cpp - reading and writing NumPy .npy files ---------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/Npy.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace accel::run;
using llvm::StringRef;

static constexpr StringRef kMagic("\x93NUMPY", 6);

static llvm::Error npyError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

namespace {
/// A .npy scalar type: 'f', 'i', 'u' or 'b' and a byte width.
struct NpyDtype {
  char kind;
  unsigned width;
};
} // namespace

/// Parses a dtype string such as `<f4`, `|i1`, `<u8`, `|b1`.
static std::optional<NpyDtype> parseDtype(StringRef descr) {
  if (descr.size() < 3 || !StringRef("<|=").contains(descr[0]))
    return std::nullopt;
  char kind = descr[1];
  unsigned width;
  if (!StringRef("fiub").contains(kind) ||
      descr.drop_front(2).getAsInteger(10, width))
    return std::nullopt;
  bool supported = (kind == 'f' && (width == 2 || width == 4 || width == 8)) ||
                   ((kind == 'i' || kind == 'u') &&
                    (width == 1 || width == 2 || width == 4 || width == 8)) ||
                   (kind == 'b' && width == 1);
  if (!supported)
    return std::nullopt;
  return NpyDtype{kind, width};
}

/// Reads element `i` of raw little-endian data of type `dtype`.
static double readScalar(const char *data, NpyDtype dtype, int64_t i) {
  const char *p = data + i * dtype.width;
  auto loadAs = [p](auto value) {
    std::memcpy(&value, p, sizeof(value));
    return value;
  };
  switch (dtype.kind) {
  case 'b':
    return *p != 0;
  case 'f':
    if (dtype.width == 8)
      return loadAs(double());
    if (dtype.width == 4)
      return loadAs(float());
    return llvm::APFloat(llvm::APFloat::IEEEhalf(),
                         llvm::APInt(16, loadAs(uint16_t())))
        .convertToFloat();
  case 'i':
    switch (dtype.width) {
    case 1: return loadAs(int8_t());
    case 2: return loadAs(int16_t());
    case 4: return loadAs(int32_t());
    default: return static_cast<double>(loadAs(int64_t()));
    }
  default:
    switch (dtype.width) {
    case 1: return loadAs(uint8_t());
    case 2: return loadAs(uint16_t());
    case 4: return loadAs(uint32_t());
    default: return static_cast<double>(loadAs(uint64_t()));
    }
  }
}

/// Finds `'key':` in the header dict and returns the text after it.
static std::optional<StringRef> findKey(StringRef header, StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t pos = header.find(quoted);
  if (pos == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(pos + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  return rest.ltrim();
}

llvm::Expected<HostArray> accel::run::parseNpy(StringRef contents,
                                               ElementKind kind) {
  if (!contents.starts_with(kMagic) || contents.size() < 10)
    return npyError("not a .npy file (bad magic)");
  unsigned major = static_cast<uint8_t>(contents[6]);
  size_t headerLength, headerStart;
  if (major == 1) {
    headerLength = static_cast<uint8_t>(contents[8]) |
                   (static_cast<uint8_t>(contents[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (contents.size() < 12)
      return npyError("truncated .npy header");
    headerLength = 0;
    for (int b = 0; b < 4; ++b)
      headerLength |= size_t(static_cast<uint8_t>(contents[8 + b])) << (8 * b);
    headerStart = 12;
  } else {
    return npyError("unsupported .npy version " + llvm::Twine(major));
  }
  if (contents.size() < headerStart + headerLength)
    return npyError("truncated .npy header");
  StringRef header = contents.substr(headerStart, headerLength);

  std::optional<StringRef> descrText = findKey(header, "descr");
  std::optional<StringRef> orderText = findKey(header, "fortran_order");
  std::optional<StringRef> shapeText = findKey(header, "shape");
  if (!descrText || !orderText || !shapeText)
    return npyError("malformed .npy header: " + header);
  StringRef descr = descrText->drop_front(1);
  descr = descr.take_until([](char c) { return c == '\''; });
  std::optional<NpyDtype> dtype = parseDtype(descr);
  if (!dtype)
    return npyError("unsupported .npy dtype '" + descr + "'");
  bool fortranOrder = orderText->starts_with("True");
  if (!fortranOrder && !orderText->starts_with("False"))
    return npyError("malformed .npy header: " + header);

  HostArray array;
  array.kind = kind;
  StringRef dims = shapeText->drop_front(1).take_until(
      [](char c) { return c == ')'; });
  llvm::SmallVector<StringRef> pieces;
  dims.split(pieces, ',', -1, /*KeepEmpty=*/false);
  for (StringRef piece : pieces) {
    piece = piece.trim();
    if (piece.empty())
      continue;
    int64_t dim;
    if (piece.getAsInteger(10, dim) || dim < 0)
      return npyError("malformed .npy shape '" + dims + "'");
    array.shape.push_back(dim);
  }
  StringRef data = contents.drop_front(headerStart + headerLength);
  // The element count, without overflow: a header may claim any shape.
  int64_t count = 1, bytes = 0;
  for (int64_t dim : array.shape)
    if (llvm::MulOverflow(count, dim, count) ||
        llvm::MulOverflow(count, static_cast<int64_t>(dtype->width), bytes) ||
        llvm::MulOverflow(
            count, static_cast<int64_t>(getElementByteSize(kind)), bytes))
      return npyError("malformed .npy shape '" + dims + "': too large");
  if (static_cast<int64_t>(data.size() / dtype->width) < count)
    return npyError("truncated .npy data: expected " +
                    llvm::Twine(count * dtype->width) + " bytes, got " +
                    llvm::Twine(data.size()));
  array.bytes.assign(count * getElementByteSize(kind), 0);
  // Fortran order (what numpy writes for a transposed array): the first
  // index varies fastest in the file; the array is stored in C order.
  int64_t rank = array.shape.size();
  llvm::SmallVector<int64_t> fileStrides(rank, 1);
  for (int64_t d = 1; d < rank; ++d)
    fileStrides[d] = fileStrides[d - 1] * array.shape[d - 1];
  for (int64_t i = 0; i < count; ++i) {
    int64_t source = i;
    if (fortranOrder) {
      source = 0;
      int64_t rest = i;
      for (int64_t d = rank - 1; d >= 0; --d) {
        source += (rest % array.shape[d]) * fileStrides[d];
        rest /= array.shape[d];
      }
    }
    array.set(i, readScalar(data.data(), *dtype, source));
  }
  return array;
}

llvm::Expected<HostArray> accel::run::readNpy(StringRef path,
                                              ElementKind kind) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return npyError("cannot read '" + path +
                    "': " + buffer.getError().message());
  llvm::Expected<HostArray> array = parseNpy((*buffer)->getBuffer(), kind);
  if (!array)
    return npyError("'" + path + "': " + llvm::toString(array.takeError()));
  return array;
}

std::string accel::run::serializeNpy(const HostArray &array) {
  // bf16 and fp8 widen exactly to float32; i4 values fit int8.
  StringRef descr;
  switch (array.kind) {
  case ElementKind::F64: descr = "<f8"; break;
  case ElementKind::F16: descr = "<f2"; break;
  case ElementKind::F32:
  case ElementKind::BF16:
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2: descr = "<f4"; break;
  case ElementKind::I1: descr = "|b1"; break;
  case ElementKind::I4:
  case ElementKind::I8: descr = "|i1"; break;
  case ElementKind::I16: descr = "<i2"; break;
  case ElementKind::I32: descr = "<i4"; break;
  case ElementKind::I64:
  case ElementKind::Index: descr = "<i8"; break;
  }
  std::string header;
  llvm::raw_string_ostream os(header);
  os << "{'descr': '" << descr << "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : array.shape)
    os << dim << (array.shape.size() == 1 ? "," : ", ");
  os << "), }";
  // Pad with spaces so that the data starts 64-byte aligned; end with \n.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');

  std::string out(kMagic.str());
  out.push_back(1);
  out.push_back(0);
  out.push_back(static_cast<char>(header.size() & 0xFF));
  out.push_back(static_cast<char>(header.size() >> 8));
  out += header;
  int64_t count = array.getNumElements();
  if (array.kind == ElementKind::F16 || array.kind == ElementKind::F64 ||
      array.kind == ElementKind::F32 || array.kind == ElementKind::I8 ||
      array.kind == ElementKind::I16 || array.kind == ElementKind::I32 ||
      array.kind == ElementKind::I64 || array.kind == ElementKind::Index ||
      array.kind == ElementKind::I1) {
    out.append(reinterpret_cast<const char *>(array.bytes.data()),
               array.bytes.size());
    return out;
  }
  for (int64_t i = 0; i < count; ++i) {
    double value = array.get(i);
    if (array.kind == ElementKind::I4) {
      out.push_back(static_cast<char>(static_cast<int8_t>(value)));
    } else {
      float f = static_cast<float>(value);
      out.append(reinterpret_cast<const char *>(&f), sizeof(f));
    }
  }
  return out;
}

llvm::Error accel::run::writeNpy(StringRef path, const HostArray &array) {
  std::error_code error;
  llvm::raw_fd_ostream os(path, error, llvm::sys::fs::OF_None);
  if (error)
    return npyError("cannot write '" + path + "': " + error.message());
  os << serializeNpy(array);
  return llvm::Error::success();
}
