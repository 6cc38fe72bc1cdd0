//===- AccelEnums.td - accel enumerations ------------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The contract spells these as strings (`reduce = "sum"`,
// `granularity = "group"`), so the attributes themselves are StrAttr; these
// enums give the C++ side a typed view and one place that lists the
// accepted spellings.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELENUMS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELENUMS_TD

include "mlir/IR/EnumAttr.td"

def Accel_ReduceKind : I32EnumAttr<"ReduceKind",
    "how accel.scatter_reduce combines the messages that reach one row", [
      I32EnumAttrCase<"Sum", 0, "sum">,
      I32EnumAttrCase<"Mean", 1, "mean">,
      I32EnumAttrCase<"Max", 2, "max">
    ]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}

def Accel_QuantGranularity : I32EnumAttr<"QuantGranularity",
    "which elements of a quantized tensor share one scale", [
      I32EnumAttrCase<"Tensor", 0, "tensor">,
      I32EnumAttrCase<"Channel", 1, "channel">,
      I32EnumAttrCase<"Group", 2, "group">
    ]> {
  let cppNamespace = "::accel";
  let genSpecializedAttr = 0;
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELENUMS_TD
