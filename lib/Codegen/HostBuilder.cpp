//===- HostBuilder.cpp - the host side of CUDA entry points as IR ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/HostBuilder.h"

#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

Type accel::codegen::getOpaqueType(MLIRContext *context, StringRef cppType) {
  return emitc::OpaqueType::get(context, cppType);
}

Type accel::codegen::getVoidPointerType(MLIRContext *context, bool isConst) {
  return emitc::PointerType::get(
      getOpaqueType(context, isConst ? "const void" : "void"));
}

HostBuilder::HostBuilder(OpBuilder &builder, Location loc, Value entry,
                         Value stream)
    : builder(builder), loc(loc), entry(entry), stream(stream) {}

Value HostBuilder::constant(int64_t value) {
  return arith::ConstantIntOp::create(builder, loc, value, 64);
}

Value HostBuilder::add(Value lhs, Value rhs) {
  return builder.createOrFold<arith::AddIOp>(loc, lhs, rhs);
}

// Folded as they are built: strides and offsets of static views are
// constants that the host program can reason about (HostProgram.cpp).
Value HostBuilder::mul(Value lhs, Value rhs) {
  return builder.createOrFold<arith::MulIOp>(loc, lhs, rhs);
}

Value HostBuilder::rem(Value lhs, Value rhs) {
  return arith::RemSIOp::create(builder, loc, lhs, rhs);
}

Value HostBuilder::div(Value lhs, Value rhs) {
  return builder.createOrFold<arith::DivSIOp>(loc, lhs, rhs);
}

Value HostBuilder::product(ArrayRef<Value> values) {
  Value result = constant(1);
  for (Value value : values)
    result = mul(result, value);
  return result;
}

Value HostBuilder::cmp(arith::CmpIPredicate predicate, Value lhs, Value rhs) {
  return arith::CmpIOp::create(builder, loc, predicate, lhs, rhs);
}

Value HostBuilder::cmp(arith::CmpIPredicate predicate, Value lhs, int64_t rhs) {
  return cmp(predicate, lhs, constant(rhs));
}

Value HostBuilder::anyOf(ArrayRef<Value> conditions) {
  Value result = arith::ConstantIntOp::create(builder, loc, 0, 1);
  for (Value condition : conditions)
    result = arith::OrIOp::create(builder, loc, result, condition);
  return result;
}

Value HostBuilder::allOf(ArrayRef<Value> conditions) {
  Value result = arith::ConstantIntOp::create(builder, loc, 1, 1);
  for (Value condition : conditions)
    result = arith::AndIOp::create(builder, loc, result, condition);
  return result;
}

Value HostBuilder::select(Value condition, Value ifTrue, Value ifFalse) {
  return arith::SelectOp::create(builder, loc, condition, ifTrue, ifFalse);
}

SmallVector<Value> HostBuilder::getStrides(const TensorBinding &t) {
  if (!t.strides.empty())
    return t.strides;
  SmallVector<Value> strides(t.sizes.size());
  Value running = constant(1);
  for (int64_t d = int64_t(t.sizes.size()) - 1; d >= 0; --d) {
    strides[d] = running;
    running = mul(running, t.sizes[d]);
  }
  return strides;
}

Value HostBuilder::stringLiteral(const Twine &escapedText) {
  return emitc::LiteralOp::create(
      builder, loc,
      emitc::PointerType::get(getOpaqueType(getContext(), "const char")),
      ("\"" + escapedText + "\"").str());
}

Value HostBuilder::messageLiteral(Operation *op, const Twine &doing) {
  return stringLiteral(escapeCString(getRunTimeMessagePrefix(op) + doing.str(),
                                     /*forPrintf=*/false));
}

void HostBuilder::callHelper(StringRef callee, ValueRange operands) {
  emitc::CallOpaqueOp::create(builder, loc, TypeRange{}, callee, operands);
}

void HostBuilder::check(Operation *op, Value failed, const Twine &what,
                        ValueRange values) {
  // An scf.if on the condition: canonicalization deletes it when the
  // condition folds to false, which is every check on static sizes that
  // the verifier already proved.
  auto ifOp = scf::IfOp::create(builder, loc, failed, /*withElseRegion=*/false);
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(ifOp.thenBlock());
  // The prefix is text, `what` is the printf format of `values`.
  std::string format =
      escapeCString(getRunTimeMessagePrefix(op), /*forPrintf=*/true) +
      "expects " + escapeCString(what.str(), /*forPrintf=*/false);
  Value message = stringLiteral(format);
  SmallVector<Value> operands = {entry, message};
  llvm::append_range(operands, values);
  callHelper("accel_host::fail", operands);
}

void HostBuilder::checkEqual(Operation *op, Value lhs, Value rhs,
                             const Twine &what) {
  if (lhs == rhs)
    return;
  check(op, cmp(arith::CmpIPredicate::ne, lhs, rhs),
        what + " to agree, got %lld and %lld", {lhs, rhs});
}

Value HostBuilder::allocate(Operation *op, Value bytes, const Twine &doing) {
  Value message = messageLiteral(op, doing);
  return emitc::CallOpaqueOp::create(
             builder, loc, TypeRange{getVoidPointerType(getContext(), false)},
             "accel_host::allocate", ValueRange{entry, bytes, message})
      .getResult(0);
}

void HostBuilder::copy(Operation *op, Value destination, Value source,
                       Value bytes, const Twine &doing) {
  Value message = messageLiteral(op, doing);
  callHelper("accel_host::copy", {entry, destination, source, bytes, message});
}

Value HostBuilder::makeStruct(StringRef cppType) {
  return emitc::VariableOp::create(
      builder, loc,
      emitc::LValueType::get(getOpaqueType(getContext(), cppType)),
      emitc::OpaqueAttr::get(getContext(), "{}"));
}

void HostBuilder::setField(Value object, StringRef field, Value value) {
  Value member = emitc::MemberOp::create(
      builder, loc, emitc::LValueType::get(value.getType()), field, object);
  emitc::AssignOp::create(builder, loc, member, value);
}

void HostBuilder::setField(Value object, StringRef field, int64_t index,
                           Value value) {
  // The array type only needs to hold `index`: the C++ field's extent is
  // the params struct's business.
  auto arrayType = emitc::ArrayType::get({index + 1}, value.getType());
  Value member =
      emitc::MemberOp::create(builder, loc, arrayType, field, object);
  Value subscript = emitc::LiteralOp::create(builder, loc, builder.getI32Type(),
                                             std::to_string(index));
  Value element = emitc::SubscriptOp::create(
      builder, loc, emitc::LValueType::get(value.getType()), member,
      ValueRange{subscript});
  emitc::AssignOp::create(builder, loc, element, value);
}

Value HostBuilder::f32(float value) {
  return arith::ConstantFloatOp::create(builder, loc, builder.getF32Type(),
                                        APFloat(value));
}

Value HostBuilder::boolean(bool value) {
  return arith::ConstantIntOp::create(builder, loc, value, 1);
}

Value HostBuilder::residentConstant(Operation *op, StringRef symbol,
                                    int64_t elementBytes, int64_t count,
                                    bool splat) {
  Type pointerType = getVoidPointerType(getContext(), /*isConst=*/true);
  Value data = emitc::LiteralOp::create(builder, loc, pointerType, symbol);
  Value message = messageLiteral(op, "could not upload its constant");
  return emitc::CallOpaqueOp::create(
             builder, loc, TypeRange{pointerType},
             "accel_host::residentConstant",
             ValueRange{entry, data, constant(elementBytes), constant(count),
                        boolean(splat), message})
      .getResult(0);
}

Value HostBuilder::nullPointer() {
  return emitc::LiteralOp::create(
      builder, loc, getVoidPointerType(getContext(), false), "nullptr");
}

Value HostBuilder::advance(Value pointer, Value bytes) {
  return emitc::CallOpaqueOp::create(builder, loc, TypeRange{pointer.getType()},
                                     "accel_host::advance",
                                     ValueRange{pointer, bytes})
      .getResult(0);
}

Value HostBuilder::castPointer(Value pointer, StringRef cppPointee) {
  return emitc::CastOp::create(
      builder, loc,
      emitc::PointerType::get(getOpaqueType(getContext(), cppPointee)),
      pointer);
}

void HostBuilder::launch(Operation *op, StringRef launcher, Value params) {
  Type paramsType = cast<emitc::LValueType>(params.getType()).getValueType();
  Value value = emitc::LoadOp::create(builder, loc, paramsType, params);
  Value function = emitc::LiteralOp::create(
      builder, loc, getOpaqueType(getContext(), "accel_host::Launcher"),
      launcher);
  Value message = messageLiteral(op, "failed to launch its kernels");
  callHelper("accel_host::launch", {entry, message, function, value});
}

std::string accel::codegen::escapeCString(StringRef s, bool forPrintf) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c == '%' && forPrintf) {
      out += "%%";
    } else if (c < 0x20 || c >= 0x7f) {
      // Octal escapes end after three digits (hex escapes would swallow
      // following hex digits).
      out += '\\';
      out += char('0' + ((c >> 6) & 7));
      out += char('0' + ((c >> 3) & 7));
      out += char('0' + (c & 7));
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string accel::codegen::getRunTimeMessagePrefix(Operation *op) {
  std::string where = "<unknown>:0:0";
  op->getLoc()->walk([&](Location loc) {
    if (auto file = dyn_cast<FileLineColLoc>(loc)) {
      where = (file.getFilename().getValue() + ":" + Twine(file.getLine()) +
               ":" + Twine(file.getColumn()))
                  .str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return where + ": '" + op->getName().getStringRef().str() + "' op ";
}
