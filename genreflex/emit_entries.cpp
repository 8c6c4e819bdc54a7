// emit_entries.cpp - entries (DlEntry) and object operations (DlObjectOps)
// of the generated dictionary.
#include "emit_entries.h"

#include <map>

#include "emit_calls.h"

namespace genreflex {
namespace {

// The signature letter of a builtin (dictionary_abi.h), 0 for one no entry passes.
char builtinCode(const std::string& builtin) {
  static const std::map<std::string, char> codes = {
      {"bool", '?'},     {"char", 'c'},           {"signed char", 'b'}, {"unsigned char", 'B'},
      {"short", 'h'},    {"unsigned short", 'H'}, {"int", 'i'},         {"unsigned int", 'I'},
      {"long", 'l'},     {"unsigned long", 'L'},  {"long long", 'q'},   {"unsigned long long", 'Q'},
      {"float", 'f'},    {"double", 'd'},         {"long double", 'g'}, {"wchar_t", 'w'},
      {"char16_t", 'u'}, {"char32_t", 'U'},
  };
  auto it = codes.find(builtin);
  return it == codes.end() ? 0 : it->second;
}

// The builtin an entry passes a value of this type as: builtins as
// themselves, enums as their promoted builtin, also through a const
// reference; "" for what goes by pointer or not at all.
std::string valueBuiltin(const Type& type) {
  switch (type.category) {
    case TypeCategory::Builtin:
      return type.builtin;
    case TypeCategory::Enum:
      return promotedBuiltin(type.builtin);
    case TypeCategory::Reference:
      if (!isReferenceToValue(type) || !type.refereeConst) return "";
      return type.referee == TypeCategory::Enum ? promotedBuiltin(type.builtin) : type.builtin;
    default:
      return "";
  }
}

char argumentCode(const Type& type) {
  if (std::string builtin = valueBuiltin(type); !builtin.empty()) return builtinCode(builtin);
  switch (type.category) {
    case TypeCategory::Pointer:
    case TypeCategory::Reference:
    case TypeCategory::Class:
    case TypeCategory::String:
      return 'p';
    default:
      return 0;
  }
}

bool resultIntoOut(const Function& fn) {
  return fn.kind == FunctionKind::Constructor || fn.result.category == TypeCategory::Class ||
         fn.result.category == TypeCategory::String;
}

char resultCode(const Function& fn) {
  if (fn.kind == FunctionKind::Constructor) return 'v';
  switch (fn.result.category) {
    case TypeCategory::Void:
      return 'v';
    case TypeCategory::Builtin:
    case TypeCategory::Enum:
      return builtinCode(valueBuiltin(fn.result));
    case TypeCategory::Pointer:
    case TypeCategory::Reference:  // the referent's address
      return 'p';
    case TypeCategory::Class:
    case TypeCategory::String:
      return 'o';
    case TypeCategory::Other:
      break;
  }
  return 0;
}

// Does the function's own symbol take and give everything as the entry
// does under the Itanium C++ ABI? Pointers and references are addresses
// there; a narrow enum is not its promoted int, a const reference to a
// builtin is not its value, and a class by value is no pointer.
bool ownSymbolIsEntry(const Function& fn) {
  if (fn.kind == FunctionKind::Constructor || !ownSymbolMayServe(fn)) return false;
  auto passedAlike = [](const Type& type) {
    switch (type.category) {
      case TypeCategory::Void:
      case TypeCategory::Builtin:
      case TypeCategory::Pointer:
        return true;
      case TypeCategory::Enum:
        return promotedBuiltin(type.builtin) == type.builtin;
      case TypeCategory::Reference:
        return valueBuiltin(type).empty();
      default:
        return false;
    }
  };
  if (!passedAlike(fn.result)) return false;
  for (const Argument& arg : fn.arguments)
    if (arg.type.category == TypeCategory::Void || !passedAlike(arg.type)) return false;
  return true;
}

// The parameter declaration of argument i and the expression that hands it on.
void entryArgument(const Type& type, std::size_t i, std::string& parameter, std::string& forward) {
  std::string name = "a" + std::to_string(i);
  std::string builtin = valueBuiltin(type);
  if (!builtin.empty()) {
    parameter = "dl_t<" + builtin + "> " + name;
    forward = type.category == TypeCategory::Builtin ? name
              : type.category == TypeCategory::Enum  ? "static_cast<dl_t<" + type.name + ">>(" + name + ")"
              : type.referee == TypeCategory::Enum
                  ? "static_cast<dl_referee<" + type.name + ">>(" + name + ")"
                  : name;
  } else if (type.category == TypeCategory::Pointer) {
    parameter = "dl_t<" + type.name + "> " + name;
    forward = name;
  } else if (type.category == TypeCategory::Reference) {
    parameter = "void* " + name;
    forward = "dl_at<" + type.name + ">(" + name + ")";
  } else {  // a class or std::string by value: the caller's object, copied by the call
    parameter = "void* " + name;
    forward = "dl_at<dl_t<" + type.name + ">&>(" + name + ")";
  }
}

// The statement that makes the call and delivers its result.
std::string entryStatement(const Scope& scope, const Function& fn, const std::vector<std::string>& forward) {
  if (fn.kind == FunctionKind::Constructor) {
    std::string joined;
    for (const std::string& arg : forward) joined += (joined.empty() ? "" : ", ") + arg;
    return "::new (out) " + scope.qualifiedName + "(" + joined + ");";
  }
  std::string call = invocation(fn, scope, forward);
  switch (fn.result.category) {
    case TypeCategory::Void:
      return call + ";";
    case TypeCategory::Builtin:
      return "return " + call + ";";
    case TypeCategory::Enum:
      return "return static_cast<dl_t<" + valueBuiltin(fn.result) + ">>(" + call + ");";
    case TypeCategory::Pointer:
      return "return (void*)(" + call + ");";
    case TypeCategory::Reference:
      return "return (void*)std::addressof(" + call + ");";
    default:  // a class or std::string, constructed where the caller says
      return "::new (out) dl_t<" + fn.result.canonical + ">(" + call + ");";
  }
}

std::string entryResultType(const Function& fn) {
  if (resultIntoOut(fn) || fn.result.category == TypeCategory::Void) return "void";
  if (fn.result.category == TypeCategory::Pointer || fn.result.category == TypeCategory::Reference)
    return "void*";
  return "dl_t<" + valueBuiltin(fn.result) + ">";
}

}  // namespace

EntryPlan planEntry(const Function& fn, const Scope& scope) {
  EntryPlan plan;
  if (fn.kind == FunctionKind::Destructor || fn.isProtected ||
      (fn.kind == FunctionKind::Constructor && scope.isAbstract)) {
    plan.missing = "DL_ENTRY_MISSING_NOT_CALLABLE";
    return plan;
  }
  std::string signature(1, resultCode(fn));
  for (const Argument& arg : fn.arguments) signature += argumentCode(arg.type);
  bool passable = signature.find('\0') == std::string::npos;  // 0: a type no entry passes
  if (!passable || fn.entryRejected) {
    plan.missing = "DL_ENTRY_MISSING_SIGNATURE";
    return plan;
  }
  plan.signature = signature;
  // An exception stays with the client unless the function cannot throw
  // (whatever --methptrgetter=all says about the fast path).
  plan.checked = !fn.cannotThrow;
  plan.kind = plan.checked ? "DL_ENTRY_CHECKED" : "DL_ENTRY_PLAIN";
  plan.ownSymbol = !plan.checked && ownSymbolIsEntry(fn);
  return plan;
}

const char* entriesPrologue() {
  return R"(template <class R> inline R dl_at(void* p) {
  return static_cast<R>(*static_cast<std::remove_reference_t<R>*>(p));
}
template <class R> using dl_referee = std::remove_cv_t<std::remove_reference_t<R>>;

// Called from the catch block of every checked entry: the exception in flight
// goes to *error (DlError) for the caller to test, and the entry returns.
[[maybe_unused]] void dl_catch(DlError* error) noexcept {
  error->exception = new (std::nothrow) std::exception_ptr(std::current_exception());
  const std::type_info* type = abi::__cxa_current_exception_type();
  const char* mangled = type ? type->name() : "";
  if (*mangled == '*') ++mangled;  // g++'s mark of a type with internal linkage
  int status = 0;
  char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  dl_copy(error->type_name, sizeof error->type_name, demangled ? demangled : mangled);
  std::free(demangled);
  try {
    throw;
  } catch (const std::exception& e) {
    error->kind = DL_ERROR_EXCEPTION;
    dl_copy(error->what, sizeof error->what, e.what());
  } catch (...) {
    error->kind = DL_ERROR_OTHER;
    dl_copy(error->what, sizeof error->what, "unknown C++ exception");
  }
}

// The object operations of a class T (DlObjectOps).
template <class T> constexpr std::uint32_t dl_object_flags(bool destructor_has_no_effect) {
  std::uint32_t flags = 0;
  if (std::is_trivially_destructible_v<T>) flags |= DL_OBJECT_TRIVIAL_DESTRUCTOR;
  if (std::is_trivially_destructible_v<T> || destructor_has_no_effect) flags |= DL_OBJECT_NO_DESTRUCTOR_EFFECT;
  return flags;
}
template <class T> void* dl_allocate() noexcept {
  return ::operator new(sizeof(T), std::align_val_t(alignof(T)), std::nothrow);
}
template <class T> void dl_destroy(void* self) noexcept {
  static_cast<T*>(self)->~T();
  ::operator delete(self, std::align_val_t(alignof(T)));
}
template <class T> void* dl_move_to_heap(void* object) noexcept {
  try {
    return new T(std::move(*static_cast<T*>(object)));
  } catch (...) {
    return nullptr;
  }
}
// Null for a class that can be neither moved nor copied.
template <class T> constexpr auto dl_mover() -> void* (*)(void*) {
  if constexpr (std::is_move_constructible_v<T>)
    return &dl_move_to_heap<T>;
  else
    return nullptr;
}

)";
}

void writeEntry(std::ostream& code, const Scope& scope, const Function& fn, std::size_t id,
                const EntryPlan& plan) {
  if (!plan.hasEntry() || plan.ownSymbol) return;
  std::string parameters;
  std::vector<std::string> forward;
  auto addParameter = [&parameters](const std::string& parameter) {
    parameters += (parameters.empty() ? "" : ", ") + parameter;
  };
  if (fn.kind == FunctionKind::Method) addParameter("void* self");
  if (resultIntoOut(fn)) addParameter("void* out");
  for (std::size_t i = 0; i < fn.arguments.size(); ++i) {
    std::string parameter, expression;
    entryArgument(fn.arguments[i].type, i, parameter, expression);
    addParameter(parameter);
    forward.push_back(expression);
  }
  if (plan.checked) addParameter("DlError* error");
  std::string result = entryResultType(fn);
  std::string statement = entryStatement(scope, fn, forward);
  code << "auto dl_entry_" << id << "(" << parameters << ") noexcept -> " << result << " {\n";
  if (!plan.checked) {
    code << "  " << statement << "\n}\n";
    return;
  }
  code << "  try {\n    " << statement << "\n  } catch (...) {\n    dl_catch(error);\n  }\n"
       << (result == "void" ? "" : "  return {};\n") << "}\n";
}

std::string entryRow(const Scope& scope, const Function& fn, std::size_t id, const EntryPlan& plan,
                     std::uint32_t signature) {
  std::string address = !plan.hasEntry() ? "nullptr"
                        : plan.ownSymbol ? ownSymbolAddress(fn, scope, id)
                                         : "reinterpret_cast<void*>(&dl_entry_" + std::to_string(id) + ")";
  return "  {" + address + ", " + plan.kind + ", " + plan.missing + ", " + std::to_string(signature) +
         ", 0},\n";
}

std::string objectOpsRow(const Scope& scope) {
  if (scope.kind == ScopeKind::Namespace || scope.objectOpsRejected)
    return "  {0, 0, 0, nullptr, nullptr, nullptr},\n";
  const std::string& type = scope.qualifiedName;
  return "  {alignof(" + type + "), dl_object_flags<" + type + ">(" +
         (scope.destructorHasNoEffect ? "true" : "false") + "), 0, " +
         (scope.isAbstract ? "nullptr" : "&dl_allocate<" + type + ">") + ", " +
         (scope.hasPublicDestructor ? "&dl_destroy<" + type + ">" : "nullptr") + ", " +
         (scope.isAbstract ? "nullptr" : "dl_mover<" + type + ">()") + "},\n";
}

}  // namespace genreflex
