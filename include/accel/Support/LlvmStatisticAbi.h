//===- LlvmStatisticAbi.h - llvm::Statistic as libMLIR.so sees it -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Force-included into every accel C++ translation unit (cmake/
// AccelCompileOptions.cmake). Debian's libMLIR.so is built with NDEBUG, so
// there `llvm::Statistic` is the empty NoopStatistic, and
// `mlir::Pass::Statistic`'s constructor (compiled into the library)
// initializes nothing more. Without NDEBUG, llvm/ADT/Statistic.h makes
// `llvm::Statistic` a TrackingStatistic with a name, a value and an
// atomic "initialized" flag, so accel's Debug builds would read and
// register uninitialized memory on every `++statistic` (the sanitizer
// build caught it as a load of an invalid bool). Including the header
// once with NDEBUG defined gives accel the library's layout; assert() is
// re-enabled afterwards. The consequence: pass statistics count nothing
// with this LLVM in any configuration (as in a Release build), and
// --mlir-pass-statistics lists no accel counters.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_SUPPORT_LLVMSTATISTICABI_H
#define ACCEL_SUPPORT_LLVMSTATISTICABI_H

#ifdef __cplusplus
#ifndef NDEBUG
#define NDEBUG
#include "llvm/ADT/Statistic.h"
#undef NDEBUG
// assert.h may be included again; this re-arms assert() for the rest of the
// translation unit.
#include <assert.h>
#else
#include "llvm/ADT/Statistic.h"
#endif
#endif // __cplusplus

#endif // ACCEL_SUPPORT_LLVMSTATISTICABI_H
