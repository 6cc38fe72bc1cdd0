//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/Npy.h"

#include "gtest/gtest.h"

using namespace accel::run;

TEST(NpyTest, RoundTripsEveryKind) {
  for (ElementKind kind :
       {ElementKind::F64, ElementKind::F32, ElementKind::F16, ElementKind::BF16,
        ElementKind::F8E4M3FN, ElementKind::F8E5M2, ElementKind::I4,
        ElementKind::I8, ElementKind::I32, ElementKind::I64}) {
    HostArray array(kind, {2, 3});
    for (int64_t i = 0; i < 6; ++i)
      array.set(i, static_cast<double>(i) - 3.0);
    llvm::Expected<HostArray> back = parseNpy(serializeNpy(array), kind);
    ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(back->shape, array.shape) << getElementKindName(kind).str();
    EXPECT_EQ(back->bytes, array.bytes) << getElementKindName(kind).str();
  }
}

TEST(NpyTest, HeaderIsNumpyCompatible) {
  HostArray array(ElementKind::F32, {4});
  std::string bytes = serializeNpy(array);
  ASSERT_GE(bytes.size(), 10u);
  EXPECT_EQ(bytes.substr(0, 6), "\x93NUMPY");
  // Data starts 64-byte aligned and the header ends in a newline.
  size_t headerEnd = 10 + (static_cast<uint8_t>(bytes[8]) |
                           (static_cast<uint8_t>(bytes[9]) << 8));
  EXPECT_EQ(headerEnd % 64, 0u);
  EXPECT_EQ(bytes[headerEnd - 1], '\n');
  EXPECT_NE(bytes.find("'shape': (4,)"), std::string::npos);
  EXPECT_EQ(bytes.size(), headerEnd + 16);
}

TEST(NpyTest, ConvertsDtypesOnRead) {
  // An int64 file read as f16 and an f32 file read as i8 (saturating).
  HostArray ints(ElementKind::I64, {3});
  ints.set(0, 1);
  ints.set(1, -2);
  ints.set(2, 2049); // not representable in f16: rounds to even (2048)
  llvm::Expected<HostArray> asHalf = parseNpy(serializeNpy(ints), ElementKind::F16);
  ASSERT_TRUE(static_cast<bool>(asHalf));
  EXPECT_EQ(asHalf->get(1), -2.0);
  EXPECT_EQ(asHalf->get(2), 2048.0);

  HostArray floats(ElementKind::F32, {2});
  floats.set(0, 300.0);
  floats.set(1, -1.5);
  llvm::Expected<HostArray> asI8 = parseNpy(serializeNpy(floats), ElementKind::I8);
  ASSERT_TRUE(static_cast<bool>(asI8));
  EXPECT_EQ(asI8->get(0), 127.0);
  EXPECT_EQ(asI8->get(1), -1.0);
}

TEST(NpyTest, RejectsMalformedFiles) {
  EXPECT_FALSE(static_cast<bool>(parseNpy("not numpy", ElementKind::F32)));
  HostArray array(ElementKind::F32, {8});
  std::string bytes = serializeNpy(array);
  llvm::Expected<HostArray> truncated =
      parseNpy(bytes.substr(0, bytes.size() - 4), ElementKind::F32);
  ASSERT_FALSE(static_cast<bool>(truncated));
  EXPECT_NE(llvm::toString(truncated.takeError()).find("truncated"),
            std::string::npos);
}

/// `serializeNpy(array)` with the header claiming Fortran order: the same
/// bytes then mean the transposed layout.
static std::string asFortranOrder(const HostArray &array) {
  std::string bytes = serializeNpy(array);
  size_t at = bytes.find("'fortran_order': False");
  EXPECT_NE(at, std::string::npos);
  bytes.replace(at, 22, "'fortran_order': True ");
  return bytes;
}

TEST(NpyTest, ReadsFortranOrder) {
  // File order 0..5 with shape (2, 3) in Fortran order is the matrix
  // [[0, 2, 4], [1, 3, 5]].
  HostArray file(ElementKind::F32, {2, 3});
  for (int64_t i = 0; i < 6; ++i)
    file.set(i, static_cast<double>(i));
  llvm::Expected<HostArray> read =
      parseNpy(asFortranOrder(file), ElementKind::F32);
  ASSERT_TRUE(static_cast<bool>(read)) << llvm::toString(read.takeError());
  ASSERT_EQ(read->shape, (llvm::SmallVector<int64_t>{2, 3}));
  const double expected[] = {0, 2, 4, 1, 3, 5};
  for (int64_t i = 0; i < 6; ++i)
    EXPECT_EQ(read->get(i), expected[i]) << "element " << i;

  // Rank 3: element [i, j, k] is at file position i + 2 j + 6 k.
  HostArray cube(ElementKind::I32, {2, 3, 4});
  for (int64_t i = 0; i < 24; ++i)
    cube.set(i, static_cast<double>(i));
  llvm::Expected<HostArray> cubeRead =
      parseNpy(asFortranOrder(cube), ElementKind::I32);
  ASSERT_TRUE(static_cast<bool>(cubeRead));
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      for (int64_t k = 0; k < 4; ++k)
        EXPECT_EQ(cubeRead->get((i * 3 + j) * 4 + k), i + 2 * j + 6 * k);
}

TEST(NpyTest, RejectsShapesThatOverflow) {
  HostArray array(ElementKind::F32, {1, 1});
  std::string bytes = serializeNpy(array);
  size_t at = bytes.find("'shape': (");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, bytes.find(')', at) + 1 - at,
                "'shape': (9999999999, 9999999999)");
  // The header length field no longer matches; fix it up.
  size_t headerLength = bytes.find('\n') + 1 - 10;
  bytes[8] = static_cast<char>(headerLength & 0xff);
  bytes[9] = static_cast<char>(headerLength >> 8);
  llvm::Expected<HostArray> read = parseNpy(bytes, ElementKind::F32);
  ASSERT_FALSE(static_cast<bool>(read));
  EXPECT_NE(llvm::toString(read.takeError()).find("too large"),
            std::string::npos);
}

TEST(HostArrayTest, NarrowFormatsRoundAndSaturate) {
  HostArray fp8(ElementKind::F8E4M3FN, {3});
  fp8.set(0, 1000.0); // saturates to the largest finite value
  fp8.set(1, -1000.0);
  fp8.set(2, 0.3);    // nearest representable
  EXPECT_EQ(fp8.get(0), 448.0);
  EXPECT_EQ(fp8.get(1), -448.0);
  EXPECT_EQ(fp8.get(2), 0.3125);

  HostArray i4(ElementKind::I4, {3});
  i4.set(0, -8);
  i4.set(1, 9);
  i4.set(2, -3);
  EXPECT_EQ(i4.get(0), -8.0);
  EXPECT_EQ(i4.get(1), 7.0);
  EXPECT_EQ(i4.get(2), -3.0);
  EXPECT_EQ(i4.bytes[2], 0xD); // zero-extended nibble

  HostArray bf16(ElementKind::BF16, {1});
  bf16.set(0, 1.0 + 1.0 / 256); // a tie: rounds to even (1.0)
  EXPECT_EQ(bf16.get(0), 1.0);
}
