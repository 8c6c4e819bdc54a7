// entries_emit_test.cpp - the entries and object operations the emitter
// writes for a hand-built model (no clang, no compiler): which function gets
// which entry and why not, and how an entry or a class's object operations
// that the C++ compiler rejects are left out on their own (the rows the
// compile-and-retry loop of main.cpp reads).
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "genreflex/emit.h"
#include "genreflex/rejected_declarations.h"

namespace {

using namespace genreflex;

Type builtin(const std::string& name) { return Type{name, name, TypeCategory::Builtin, name, {}, false, ""}; }

Type constReferenceTo(const std::string& name) {
  return Type{"const " + name + "&",
              "const " + name + "&",
              TypeCategory::Reference,
              name,
              TypeCategory::Builtin,
              true,
              ""};
}

Function method(const std::string& name, Type result, std::vector<Type> arguments, bool cannotThrow) {
  Function fn;
  fn.name = name;
  fn.qualifiedName = "ns::Gadget::" + name;
  fn.kind = FunctionKind::Method;
  fn.result = std::move(result);
  for (Type& type : arguments) fn.arguments.push_back(Argument{"", std::move(type), ""});
  fn.requiredArguments = static_cast<unsigned>(fn.arguments.size());
  fn.cannotThrow = fn.isNoexcept = cannotThrow;
  fn.mangledName = "_ZN2ns6Gadget" + std::to_string(name.size()) + name + "Ev";
  return fn;
}

// ns::Gadget with one function per case; function i is dl_entry_i / row i.
Model gadgetModel() {
  Model model;
  model.name = "Gadget";
  model.scopes.emplace_back();  // the global namespace
  Scope ns;
  ns.name = ns.qualifiedName = "ns";
  ns.parent = 0;
  model.scopes.push_back(ns);
  Scope gadget;
  gadget.name = "Gadget";
  gadget.qualifiedName = "ns::Gadget";
  gadget.kind = ScopeKind::Class;
  gadget.parent = 1;
  gadget.functions.push_back(method("plain", builtin("int"), {builtin("int")}, true));  // 0: own symbol
  gadget.functions.push_back(
      method("byValue", builtin("int"), {constReferenceTo("int")}, true));                       // 1: wrapper
  gadget.functions.push_back(method("checked", builtin("double"), {builtin("double")}, false));  // 2
  Type array{"int[3]", "int[3]", TypeCategory::Other, "", {}, false, ""};
  gadget.functions.push_back(method("wide", builtin("int"), {array}, true));  // 3: no entry passes an array
  Function hidden = method("hidden", builtin("int"), {}, false);              // 4
  hidden.isProtected = true;
  gadget.functions.push_back(hidden);
  Function destructor =
      method("~Gadget", Type{"void", "void", TypeCategory::Void, "", {}, false, ""}, {}, true);  // 5
  destructor.kind = FunctionKind::Destructor;
  gadget.functions.push_back(destructor);
  model.scopes.push_back(gadget);
  return model;
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The rows of a table in the generated source ("const DlEntry dl_entries[]").
std::vector<std::string> rowsOf(const std::string& source, const std::string& table) {
  std::vector<std::string> lines = linesOf(source), rows;
  bool inside = false;
  for (const std::string& line : lines) {
    if (line.rfind(table, 0) == 0) {
      inside = true;
      continue;
    }
    if (inside && line.rfind("};", 0) == 0) break;
    if (inside) rows.push_back(line);
  }
  return rows;
}

// 1-based number of the first line that starts with prefix, 0 if none.
size_t lineStarting(const std::string& source, const std::string& prefix) {
  std::vector<std::string> lines = linesOf(source);
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].rfind(prefix, 0) == 0) return i + 1;
  return 0;
}

std::string emit(const Model& model) {
  return emitDictionarySource(model, EmitOptions{false, false, "test"});
}

TEST(EntriesEmitted, EachFunctionGetsTheEntryItsShapeAllows) {
  std::string source = emit(gadgetModel());
  std::vector<std::string> rows = rowsOf(source, "const DlEntry dl_entries[]");
  ASSERT_EQ(rows.size(), 6u) << source;
  // Out of line, cannot throw, passed alike: the method's own symbol, with no --methptrgetter.
  EXPECT_NE(rows[0].find("&dl_direct_0), DL_ENTRY_PLAIN, DL_ENTRY_MISSING_NONE"), std::string::npos)
      << rows[0];
  EXPECT_NE(source.find("void dl_direct_0() __asm__(\"_ZN2ns6Gadget5plainEv\")"), std::string::npos);
  // A const int& travels as an int: a wrapper, without the error parameter.
  EXPECT_NE(rows[1].find("&dl_entry_1), DL_ENTRY_PLAIN"), std::string::npos) << rows[1];
  EXPECT_NE(source.find("auto dl_entry_1(void* self, dl_t<int> a0) noexcept -> dl_t<int> {"),
            std::string::npos);
  EXPECT_NE(rows[2].find("&dl_entry_2), DL_ENTRY_CHECKED"), std::string::npos) << rows[2];
  EXPECT_NE(
      source.find("auto dl_entry_2(void* self, dl_t<double> a0, DlError* error) noexcept -> dl_t<double> {\n"
                  "  try {\n"),
      std::string::npos);
  EXPECT_NE(source.find("    dl_catch(error);\n  }\n  return {};\n}\n"), std::string::npos);
  EXPECT_EQ(rows[3], "  {nullptr, DL_ENTRY_NONE, DL_ENTRY_MISSING_SIGNATURE, 0, 0},");
  EXPECT_EQ(rows[4], "  {nullptr, DL_ENTRY_NONE, DL_ENTRY_MISSING_NOT_CALLABLE, 0, 0},");  // protected
  EXPECT_EQ(rows[5], "  {nullptr, DL_ENTRY_NONE, DL_ENTRY_MISSING_NOT_CALLABLE, 0, 0},");  // destructor
  EXPECT_EQ(source.find("dl_entry_3"), std::string::npos);
  // The header points at both tables (and at those of the enum types, ABI 1.5,
  // smart pointers, ABI 1.6, exception classes, ABI 1.7, and dispatchers, ABI
  // 1.8, null when empty); namespaces have all-zero object operations.
  EXPECT_NE(source.find("  dl_entries, dl_objects, dl_argument_enums, dl_result_enums, dl_data_enums, "
                        "dl_smart_pointers, dl_num_smart_pointers, 0, dl_exception_classes, "
                        "dl_num_exception_classes, 0, dl_take_stub_exception, dl_dispatchers, "
                        "dl_num_dispatchers, 0, dl_dispatch_callback_slot,\n};"),
            std::string::npos);
  std::vector<std::string> objects = rowsOf(source, "const DlObjectOps dl_objects[]");
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_EQ(objects[0], "  {0, 0, 0, nullptr, nullptr, nullptr},");
  EXPECT_EQ(objects[1], "  {0, 0, 0, nullptr, nullptr, nullptr},");
  EXPECT_EQ(objects[2],
            "  {alignof(ns::Gadget), dl_object_flags<ns::Gadget>(false), 0, &dl_allocate<ns::Gadget>, "
            "&dl_destroy<ns::Gadget>, dl_mover<ns::Gadget>()},");
}

TEST(EntriesEmitted, AnAbstractClassGetsNeitherConstructorEntriesNorAllocation) {
  Model model = gadgetModel();
  Scope& gadget = model.scopes[2];
  gadget.isAbstract = true;
  gadget.hasPublicDestructor = false;
  gadget.destructorHasNoEffect = true;
  Function constructor =
      method("Gadget", Type{"ns::Gadget", "ns::Gadget", TypeCategory::Class, "", {}, false, ""},
             {builtin("int")}, true);
  constructor.kind = FunctionKind::Constructor;
  gadget.functions.push_back(constructor);
  std::string source = emit(model);
  std::vector<std::string> rows = rowsOf(source, "const DlEntry dl_entries[]");
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[6], "  {nullptr, DL_ENTRY_NONE, DL_ENTRY_MISSING_NOT_CALLABLE, 0, 0},");
  EXPECT_EQ(rowsOf(source, "const DlObjectOps dl_objects[]")[2],
            "  {alignof(ns::Gadget), dl_object_flags<ns::Gadget>(true), 0, nullptr, nullptr, nullptr},");
}

TEST(EntriesEmitted, AnEntryTheCompilerRejectsIsLeftOutAndTheStubKept) {
  Model model = gadgetModel();
  std::string source = emit(model);
  size_t entryLine = lineStarting(source, "auto dl_entry_2(");
  ASSERT_NE(entryLine, 0u);
  std::string diagnostics =
      "/tmp/x.cpp: In function 'auto dl_entry_2(...)':\n/tmp/x.cpp:" + std::to_string(entryLine + 2) +
      ":5: error: no viable conversion\n";
  std::vector<RejectedDeclaration> rejected =
      findRejectedDeclarations(model, source, "/tmp/x.cpp", diagnostics);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].kind, RejectedDeclaration::Kind::Entry);
  EXPECT_EQ(describe(model, rejected[0]), "the entry of ns::Gadget::checked(double)");
  removeRejectedDeclarations(model, rejected);
  ASSERT_EQ(model.scopes[2].functions.size(), 6u);  // the function stays
  EXPECT_TRUE(model.scopes[2].functions[2].entryRejected);
  std::string again = emit(model);
  EXPECT_EQ(rowsOf(again, "const DlEntry dl_entries[]")[2],
            "  {nullptr, DL_ENTRY_NONE, DL_ENTRY_MISSING_SIGNATURE, 0, 0},");
  EXPECT_EQ(again.find("dl_entry_2("), std::string::npos);
  EXPECT_NE(again.find("int dl_stub_2("), std::string::npos);
}

TEST(EntriesEmitted, AFunctionWhoseStubAndEntryAreRejectedIsLeftOutOnce) {
  Model model = gadgetModel();
  std::string source = emit(model);
  size_t stubLine = lineStarting(source, "int dl_stub_2(");
  size_t entryLine = lineStarting(source, "auto dl_entry_2(");
  std::string diagnostics = "/tmp/x.cpp:" + std::to_string(stubLine + 3) +
                            ":5: error: bad\n/tmp/x.cpp:" + std::to_string(entryLine + 2) +
                            ":5: error: bad\n";
  std::vector<RejectedDeclaration> rejected =
      findRejectedDeclarations(model, source, "/tmp/x.cpp", diagnostics);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].kind, RejectedDeclaration::Kind::Function);
  removeRejectedDeclarations(model, rejected);
  ASSERT_EQ(model.scopes[2].functions.size(), 5u);
  EXPECT_EQ(model.scopes[2].functions[2].name, "wide");
  EXPECT_FALSE(model.scopes[2].functions[2].entryRejected);  // the next function is not marked
}

TEST(EntriesEmitted, ObjectOperationsTheCompilerRejectsAreLeftOutAndTheClassKept) {
  Model model = gadgetModel();
  std::string source = emit(model);
  size_t table = lineStarting(source, "const DlObjectOps dl_objects[]");
  ASSERT_NE(table, 0u);
  // g++: the instantiation's context names the row that asked for it.
  std::string diagnostics =
      "/tmp/x.cpp: In instantiation of 'void* dl_move_to_heap(void*) [with T = ns::Gadget]':\n"
      "/tmp/x.cpp:" +
      std::to_string(table + 3) +
      ":1:   required from here\n"
      "/tmp/x.cpp:120:12: error: use of deleted function\n";
  std::vector<RejectedDeclaration> rejected =
      findRejectedDeclarations(model, source, "/tmp/x.cpp", diagnostics);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].kind, RejectedDeclaration::Kind::ObjectOps);
  EXPECT_EQ(rejected[0].scope, 2u);
  EXPECT_EQ(describe(model, rejected[0]), "the object operations (allocate, destroy, move) of ns::Gadget");
  removeRejectedDeclarations(model, rejected);
  EXPECT_TRUE(model.scopes[2].objectOpsRejected);
  EXPECT_TRUE(model.scopes[2].hasPublicDestructor);  // the delete stub stays
  std::string again = emit(model);
  EXPECT_EQ(rowsOf(again, "const DlObjectOps dl_objects[]")[2], "  {0, 0, 0, nullptr, nullptr, nullptr},");
  EXPECT_NE(again.find("int dl_delete_2("), std::string::npos);
}

// --- exception classes (dictionary ABI 1.7) ----------------------------------

// gadgetModel with two exception classes after it: ns::Failure (copyable) and
// ns::Abstract (not: no copy in its record).
Model exceptionsModel() {
  Model model = gadgetModel();
  for (const char* name : {"Failure", "Abstract"}) {
    Scope scope;
    scope.name = name;
    scope.qualifiedName = std::string("ns::") + name;
    scope.kind = ScopeKind::Class;
    scope.parent = 1;
    scope.isExceptionClass = true;
    scope.exceptionCopyable = std::string(name) == "Failure";
    model.scopes.push_back(scope);
  }
  return model;
}

TEST(ExceptionClassesEmitted, EachExceptionClassHasARowAndTheHeaderNamesTheTable) {
  std::string source = emit(exceptionsModel());
  std::vector<std::string> rows = rowsOf(source, "const DlExceptionClass dl_exception_classes[]");
  EXPECT_EQ(rows,
            (std::vector<std::string>{"  {3, 0, &dl_copy_caught<ns::Failure>},", "  {4, 0, nullptr},"}));
  EXPECT_NE(source.find("constexpr uint32_t dl_num_exception_classes = 2;"), std::string::npos);
  EXPECT_NE(source.find(" dl_num_smart_pointers, 0, dl_exception_classes, dl_num_exception_classes, 0,"
                        " dl_take_stub_exception, dl_dispatchers,"),
            std::string::npos);
  // the stubs keep what they catch for take_stub_exception
  EXPECT_NE(source.find("dl_stub_exception = std::current_exception();"), std::string::npos);
  // a dictionary without exception classes names no table
  std::string none = emit(gadgetModel());
  EXPECT_NE(none.find("constexpr const DlExceptionClass* dl_exception_classes = nullptr;"),
            std::string::npos);
  EXPECT_NE(none.find("constexpr uint32_t dl_num_exception_classes = 0;"), std::string::npos);
}

TEST(ExceptionClassesEmitted, ACopyTheCompilerRejectsIsLeftOutAndTheClassKept) {
  Model model = exceptionsModel();
  std::string source = emit(model);
  size_t table = lineStarting(source, "const DlExceptionClass dl_exception_classes[]");
  ASSERT_NE(table, 0u);
  std::string diagnostics =
      "/tmp/x.cpp: In instantiation of 'void* dl_copy_caught(const void*) [with T = ns::Failure]':\n"
      "/tmp/x.cpp:" +
      std::to_string(table + 1) +
      ":1:   required from here\n"
      "/tmp/x.cpp:90:14: error: use of deleted function 'ns::Failure::Failure(const ns::Failure&)'\n";
  std::vector<RejectedDeclaration> rejected =
      findRejectedDeclarations(model, source, "/tmp/x.cpp", diagnostics);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].kind, RejectedDeclaration::Kind::ExceptionCopy);
  EXPECT_EQ(rejected[0].scope, 3u);
  EXPECT_EQ(describe(model, rejected[0]), "copying a caught ns::Failure (its exception class record)");
  removeRejectedDeclarations(model, rejected);
  EXPECT_TRUE(model.scopes[3].exceptionCopyRejected);
  EXPECT_TRUE(model.scopes[3].isExceptionClass);
  EXPECT_EQ(rowsOf(emit(model), "const DlExceptionClass dl_exception_classes[]")[0], "  {3, 0, nullptr},");
}

}  // namespace

// A dispatcher (dictionary ABI 1.8) the compiler rejects is left out whole:
// the class keeps its functions, its Python subclasses override nothing.
TEST(EntriesEmitted, ADispatcherTheCompilerRejectsIsLeftOutAndTheClassKept) {
  Model model = gadgetModel();
  Scope& gadget = model.scopes[2];
  gadget.hasDispatcher = true;
  Function constructor =
      method("Gadget", Type{"ns::Gadget", "ns::Gadget", TypeCategory::Class, "", {}, false, ""}, {}, false);
  constructor.kind = FunctionKind::Constructor;
  gadget.dispatcher.constructors.push_back(constructor);
  Function slot = method("checked", builtin("double"), {builtin("double")}, false);
  slot.isVirtual = true;
  gadget.dispatcher.slots.push_back(slot);
  std::string source = emit(model);
  size_t classLine = lineStarting(source, "class dl_dispatch_2 final : public ns::Gadget {");
  ASSERT_NE(classLine, 0u);
  EXPECT_NE(source.find("dl_dispatch(dl_self_, &dl_functions[7], args, &r);"), std::string::npos);
  std::vector<std::string> dispatchers = rowsOf(source, "const DlDispatcher dl_dispatchers[]");
  ASSERT_EQ(dispatchers.size(), 1u);
  EXPECT_EQ(dispatchers[0],
            "  {2, 0, 6, 1, 7, 1, sizeof(dl_dispatch_2), dl_dispatch_delete_2, dl_dispatch_set_2},");
  std::vector<std::string> functions = rowsOf(source, "const DlFunction dl_functions[]");
  ASSERT_EQ(functions.size(), 8u);  // the class's six, then the dispatcher's constructor and slot
  // an error inside the dispatcher class, and one in the slot's stub
  size_t slotStub = lineStarting(source, "int dl_stub_7(");
  ASSERT_NE(slotStub, 0u);
  std::string diagnostics = "/tmp/x.cpp:" + std::to_string(classLine + 12) +
                            ":7: error: no matching function\n" +
                            "/tmp/x.cpp:" + std::to_string(slotStub + 3) + ":7: error: bad\n";
  std::vector<RejectedDeclaration> rejected =
      findRejectedDeclarations(model, source, "/tmp/x.cpp", diagnostics);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].kind, RejectedDeclaration::Kind::Dispatcher);
  EXPECT_EQ(describe(model, rejected[0]),
            "the dispatcher of ns::Gadget (Python subclasses overriding its virtual functions)");
  // a linker's complaint about one of its functions
  std::vector<RejectedDeclaration> linked = findRejectedDeclarations(
      model, source, "/tmp/x.cpp",
      "/usr/bin/ld: /tmp/x.o: in function `(anonymous namespace)::dl_dispatch_2::dl_base_0(double)':\n"
      "x.cpp:(.text+0x1): undefined reference to `ns::Gadget::checked(double)'\n");
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].kind, RejectedDeclaration::Kind::Dispatcher);
  removeRejectedDeclarations(model, rejected);
  EXPECT_FALSE(model.scopes[2].hasDispatcher);
  EXPECT_EQ(model.scopes[2].functions.size(), 6u);
  std::string again = emit(model);
  EXPECT_EQ(again.find("dl_dispatch_2"), std::string::npos);
  EXPECT_NE(again.find("constexpr const DlDispatcher* dl_dispatchers = nullptr;"), std::string::npos);
}
