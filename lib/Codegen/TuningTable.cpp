//===- TuningTable.cpp - measured best kernel configs, as data ------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/TuningTable.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

FailureOr<TuningTable> TuningTable::load(StringRef path, MLIRContext *context) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    emitError(UnknownLoc::get(context))
        << "cannot read the tuning table '" << path
        << "': " << buffer.getError().message();
    return failure();
  }
  return parse((*buffer)->getMemBufferRef(), context);
}

FailureOr<TuningTable> TuningTable::parse(llvm::MemoryBufferRef buffer,
                                          MLIRContext *context) {
  TuningTable table;
  SmallVector<StringRef> lines;
  buffer.getBuffer().split(lines, '\n');
  for (auto [index, rawLine] : llvm::enumerate(lines)) {
    StringRef line = rawLine.trim();
    if (line.empty() || line.starts_with("//"))
      continue;
    Location loc = FileLineColLoc::get(context, buffer.getBufferIdentifier(),
                                       index + 1, 1);
    // Three words, then the attribute (which may contain spaces).
    SmallVector<StringRef, 3> words;
    StringRef rest = line;
    for (int i = 0; i < 3 && !rest.empty(); ++i) {
      auto [word, tail] = rest.split(' ');
      words.push_back(word);
      rest = tail.ltrim();
    }
    if (words.size() != 3 || rest.empty() || !rest.starts_with("#")) {
      emitError(loc) << "expects a tuning-table entry '<family> <signature> "
                        "<chip> <config attribute>', got '"
                     << line << "'";
      return failure();
    }
    // The parser's own message points into a buffer of its own: say it
    // again at the table's line.
    std::string parserMessage;
    Attribute attr;
    {
      ScopedDiagnosticHandler capture(context, [&](Diagnostic &diag) {
        if (parserMessage.empty())
          parserMessage = diag.str();
        return success();
      });
      size_t numRead = 0;
      attr = parseAttribute(rest, context, Type(), &numRead);
      if (attr && numRead != rest.size()) {
        parserMessage = "unexpected text after the attribute: '" +
                        rest.drop_front(numRead).str() + "'";
        attr = {};
      }
    }
    if (!attr) {
      emitError(loc) << "expects a kernel config attribute, got '" << rest
                     << "': " << parserMessage;
      return failure();
    }
    auto config = dyn_cast<KernelConfigAttrInterface>(attr);
    if (!config) {
      emitError(loc) << "expects a kernel config attribute (e.g. "
                        "#accel.attention_sm80_config), got "
                     << attr;
      return failure();
    }
    if (config.getFamilyName() != words[0]) {
      emitError(loc) << "expects a config of family '" << words[0] << "', got "
                     << attr << " (family '" << config.getFamilyName() << "')";
      return failure();
    }
    if (!CudaTargetAttr::parseChip(words[2])) {
      emitError(loc) << "expects a chip from sm_80 to sm_129, got '" << words[2]
                     << "'";
      return failure();
    }
    if (const Entry *earlier = table.lookup(words[0], words[1], words[2])) {
      InFlightDiagnostic diag =
          emitError(loc) << "expects one entry per family, signature and "
                            "chip, got a second one for '"
                         << words[0] << " " << words[1] << " " << words[2]
                         << "'";
      diag.attachNote(earlier->location) << "the first one is here";
      return failure();
    }
    table.entries.push_back(
        {words[0].str(), words[1].str(), words[2].str(), config, loc});
  }
  return table;
}

const TuningTable::Entry *TuningTable::lookup(StringRef family,
                                              StringRef signature,
                                              StringRef chip) const {
  for (const Entry &entry : entries)
    if (entry.family == family && entry.signature == signature &&
        entry.chip == chip)
      return &entry;
  return nullptr;
}
