// emit_calls.cpp - call expressions and client type names for generated code.
#include "emit_calls.h"

namespace genreflex {

bool isReferenceToValue(const Type& type) {
  return type.category == TypeCategory::Reference &&
         (type.referee == TypeCategory::Builtin || type.referee == TypeCategory::Enum);
}

bool isReferenceToEnum(const Type& type) {
  return type.category == TypeCategory::Reference && type.referee == TypeCategory::Enum;
}

// Narrow enums are promoted to int, as C++ promotes them: clients treat char
// types as characters, and a wrapper returning int defines the whole register.
std::string promotedBuiltin(const std::string& builtin) {
  static const char* const narrow[] = {"bool",  "char",           "signed char", "unsigned char",
                                       "short", "unsigned short", "wchar_t",     "char16_t"};
  for (const char* n : narrow)
    if (builtin == n) return "int";
  return builtin == "char32_t" ? "unsigned int" : builtin;
}

std::string clientTypeName(const Type& type) {
  if (type.category == TypeCategory::Enum) return promotedBuiltin(type.builtin);
  if (type.category == TypeCategory::Reference && type.referee == TypeCategory::Enum)
    return (type.refereeConst ? "const " : "") + type.builtin + "&";
  return type.name;
}

bool ownSymbolMayServe(const Function& fn) {
  if (fn.isVirtual || fn.hasInlineBody || fn.isAdlOperator || fn.isStreamText) return false;
  return fn.kind != FunctionKind::Method || !fn.mangledName.empty();
}

std::string ownSymbolAddress(const Function& fn, const Scope& scope, size_t id) {
  if (fn.kind == FunctionKind::Method)
    return "reinterpret_cast<void*>(&dl_direct_" + std::to_string(id) + ")";
  return "reinterpret_cast<void*>(" + callee(fn, scope) + ")";
}

std::string typeList(const Function& fn) {
  std::string out;
  for (const Argument& arg : fn.arguments) out += ", " + arg.type.name;
  return out;
}

std::string callee(const Function& fn, const Scope& scope, const std::string& access) {
  const std::string& owner = access.empty() ? scope.qualifiedName : access;
  if (fn.kind == FunctionKind::Method) {
    std::string alias = fn.isConst ? "dl_cmethod" : "dl_method";
    return "(static_cast<" + scope.qualifiedName + "*>(self)->*static_cast<" + alias + "<" +
           scope.qualifiedName + ", " + fn.result.name + typeList(fn) + ">>(&" + owner + "::" + fn.name +
           "))";
  }
  std::string qualified = owner.empty() ? "::" + fn.name : owner + "::" + fn.name;
  return "static_cast<dl_function<" + fn.result.name + typeList(fn) + ">>(&" + qualified + ")";
}

std::string invocation(const Function& fn, const Scope& scope, const std::vector<std::string>& args,
                       const std::string& access) {
  if (fn.isStreamText) return "dl_stream_text(*static_cast<const " + scope.qualifiedName + "*>(self))";
  if (fn.isAdlOperator) {  // as C++ code writes the operator, so that it finds it (see model.h)
    std::string op = fn.name.substr(8);
    if (fn.kind == FunctionKind::Method)
      return "(*static_cast<const " + scope.qualifiedName + "*>(self) " + op + " " + args.at(0) + ")";
    if (args.size() == 1) return "(" + op + args[0] + ")";
    return "(" + args.at(0) + " " + op + " " + args.at(1) + ")";
  }
  std::string joined;
  for (const std::string& arg : args) joined += (joined.empty() ? "" : ", ") + arg;
  return callee(fn, scope, access) + "(" + joined + ")";
}

}  // namespace genreflex
