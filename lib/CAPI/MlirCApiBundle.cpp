//===- MlirCApiBundle.cpp - MLIR's C API as a shared library --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Debian ships MLIR's C API only as static archives (libMLIRCAPIIR.a, ...)
// and no libMLIR-C.so. libAccelMLIRCApi.so is that archive, whole, linked
// against libMLIR.so, so that a C host gets mlirContextCreate & co. from a
// shared library.
//
// It is a library of its own, not part of libAccelCAPI.so, because the
// archive was compiled by clang with hidden inline functions: its copies of
// TypeID statics (e.g. the IsTerminator trait's) are hidden, and the ELF
// rule that the most restrictive visibility wins would make every copy in
// the same shared object hidden, accel's own included. accel's op
// registrations would then use trait TypeIDs that libMLIR.so's verifier
// does not know ("block with no terminator, has accel.yield"). Kept apart,
// accel's objects keep the unique, interposed TypeIDs of libMLIR.so, as
// the tools and the mlir-opt plugin have them.
//
// There is no code here: the library's content is the archive.
//
//===----------------------------------------------------------------------===//
