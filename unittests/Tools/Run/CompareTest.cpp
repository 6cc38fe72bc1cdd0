//===- CompareTest.cpp - the numerics policy ------------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/Compare.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace accel::run;

static HostArray makeArray(ElementKind kind, std::initializer_list<double> values) {
  HostArray array(kind, {static_cast<int64_t>(values.size())});
  int64_t i = 0;
  for (double v : values)
    array.set(i++, v);
  return array;
}

TEST(CompareTest, FloatsWithinToleranceAgree) {
  HostArray a = makeArray(ElementKind::F32, {1.0, 2.0, -3.0});
  HostArray b = makeArray(ElementKind::F32, {1.0, 2.0 + 1e-6, -3.0});
  Comparison result = compareArrays(a, b, getDefaultTolerance(ElementKind::F32));
  EXPECT_TRUE(result.ok());
  EXPECT_NEAR(result.maxAbsError, 1e-6, 1e-7);
}

TEST(CompareTest, ReportsTheWorstElement) {
  HostArray a = makeArray(ElementKind::F32, {1.0, 2.5, -3.0, 4.0});
  HostArray b = makeArray(ElementKind::F32, {1.0, 2.0, -3.0, 4.1});
  Comparison result = compareArrays(a, b, {1e-5, 1e-6});
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.numMismatches, 2);
  ASSERT_TRUE(result.worstIndex.has_value());
  EXPECT_EQ(*result.worstIndex, 1);
  EXPECT_EQ(result.worstLhs, 2.5);
  EXPECT_EQ(result.worstRhs, 2.0);
}

TEST(CompareTest, IntegersCompareExactly) {
  HostArray a = makeArray(ElementKind::I32, {1, 2, 3});
  HostArray b = makeArray(ElementKind::I32, {1, 2, 4});
  EXPECT_FALSE(compareArrays(a, b, getDefaultTolerance(ElementKind::I32)).ok());
  EXPECT_TRUE(compareArrays(a, a, getDefaultTolerance(ElementKind::I32)).ok());
}

TEST(CompareTest, NonFiniteValuesMustMatch) {
  HostArray a = makeArray(ElementKind::F32, {-INFINITY, NAN});
  HostArray b = makeArray(ElementKind::F32, {-INFINITY, NAN});
  EXPECT_TRUE(compareArrays(a, b, {1e-5, 1e-6}).ok());
  HostArray c = makeArray(ElementKind::F32, {0.0, NAN});
  EXPECT_FALSE(compareArrays(a, c, {1e-5, 1e-6}).ok());
}

TEST(CompareTest, ShapeMismatchIsStructural) {
  HostArray a(ElementKind::F32, {2, 3});
  HostArray b(ElementKind::F32, {3, 2});
  Comparison result = compareArrays(a, b, {});
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.structuralError.find("shapes differ"), std::string::npos);
}
