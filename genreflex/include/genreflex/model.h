// model.h - the plain description of what a dictionary holds.
//
// The parse stage fills it from clang's AST; the emitter turns it into
// dictionary source. No clang type appears here, so tests can build a model by
// hand and the emitter never sees the AST.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace genreflex {

// How a value of some type crosses a call stub.
enum class TypeCategory {
  Void,
  Builtin,  // arithmetic types and bool
  Enum,
  Pointer,    // any pointer, including const char*
  Reference,  // lvalue or rvalue reference
  Class,      // class/struct/union by value
  String,     // std::string by value
  Other       // not callable through a stub (function types, arrays...)
};

struct Type {
  std::string name;       // fully qualified as written: "const std::string&"
  std::string canonical;  // typedefs resolved: "unsigned long"
  TypeCategory category = TypeCategory::Other;
  // For Builtin and Enum (the enum's underlying builtin): the builtin's name
  // ("int", "unsigned long long"...). For Reference: the referenced type's
  // category goes in referee.
  std::string builtin;
  TypeCategory referee = TypeCategory::Other;
  bool refereeConst = false;
  // For Enum, and a Reference to one: the enum's fully qualified name
  // ("HepMC3::Units::LengthUnit"); empty for an unnamed enum.
  std::string enumName;
};

struct Argument {
  std::string name;
  Type type;
  std::string defaultValue;  // source text, empty if none
};

enum class FunctionKind { Method, Static, Constructor, Destructor };

// The name of Function::isStreamText's function; clients look for it.
inline constexpr const char* kStreamTextName = "__cpp_str__";

struct Function {
  std::string name;           // "f", "MyClass", "~MyClass", "operator+"
  std::string qualifiedName;  // "ns::MyClass::f" (what the generated code calls)
  FunctionKind kind = FunctionKind::Method;
  Type result;
  std::vector<Argument> arguments;
  unsigned requiredArguments = 0;
  bool isConst = false;
  bool isVirtual = false;
  bool isPure = false;
  bool isProtected = false;
  bool isOperator = false;
  bool isNoexcept = false;
  bool cannotThrow = false;  // noexcept, or an inline body that clang proves cannot throw
  // The fast path can use the function's own symbol when its body lives in
  // the user's library: the linker's name for it (Itanium mangling), and
  // whether the headers hold its body (inline: a wrapper inlines it anyway).
  std::string mangledName;
  bool hasInlineBody = false;
  // A function template specialization: name holds its template arguments
  // ("f<double>"; a constructor keeps its class's name).
  bool isTemplateInstance = false;
  // An operator that C++ finds only by argument-dependent lookup. As a const
  // member of its left operand's class (a function template beside the
  // class: libstdc++'s iterator == and !=), its stub evaluates `*self op
  // argument`; as a function of its namespace (a hidden friend: declared
  // only inside the class), `a op b`, or `op a` for a unary one.
  bool isAdlOperator = false;
  // The function genreflex adds to a class whose objects C++ can write to a
  // std::ostream (named kStreamTextName, const, no arguments): std::string,
  // the text `out << *self` writes. Python's str() of the object.
  bool isStreamText = false;
  // Its entry (dictionary ABI 1.4) did not compile although its stub did:
  // the dictionary records none, and clients call the stub.
  bool entryRejected = false;
  // Clang's first error, when the parse found that its stub would not compile
  // (a member of an instantiation whose body does not compile for it): the
  // function is left out before the source is written (rejected_declarations.h).
  std::string doesNotCompile;
};

struct DataMember {
  std::string name;
  Type type;                              // element type for arrays
  std::string typeName;                   // as clients see it: "int", "int[4]"
  std::vector<std::uint64_t> dimensions;  // array extents, outermost first
  bool isStatic = false;                  // static data member or namespace-scope variable
  bool isConst = false;
  bool isProtected = false;
  bool isEnum = false;
  // An in-class initialised static const member without an out-of-line
  // definition has no address to take; the dictionary keeps a copy instead.
  bool addressByCopy = false;
};

struct Base {
  std::string qualifiedName;
  bool isVirtual = false;
  std::int64_t offset = 0;  // derived -> base, from the record layout (non-virtual only)
};

struct Enumerator {
  std::string name;
  std::int64_t value = 0;
};

struct Enum {
  std::string name;
  std::string qualifiedName;
  std::string underlyingType;
  bool isScoped = false;
  std::vector<Enumerator> enumerators;
};

struct Typedef {
  std::string name;
  std::string qualifiedName;
  Type target;
};

enum class ScopeKind { Namespace, Class, Struct, Union };

// The class genreflex derives from a class with virtual functions so that a
// Python subclass can override them (dictionary ABI 1.8, DlDispatcher).
struct Dispatcher {
  // The class's public and protected constructors (move constructors aside),
  // also of an abstract class: each makes a dispatcher object.
  std::vector<Function> constructors;
  // The virtual functions it overrides, one per signature: the final
  // overriders in the class. qualifiedName is the implementation a call of
  // the class's own version runs ("ns::Base::f"); isPure, isProtected,
  // isNoexcept and isConst as declared there.
  std::vector<Function> slots;
};

// A std::shared_ptr<T> or std::unique_ptr<T> (default deleter) instantiation:
// clients treat it as the T it keeps alive (dictionary ABI 1.6, DlSmartPointer).
enum class SmartPointerKind { None, Shared, Unique };

struct Scope {
  std::string name;           // unqualified, "" for the global namespace
  std::string qualifiedName;  // "ns::Outer::Inner"
  ScopeKind kind = ScopeKind::Namespace;
  std::vector<std::string> templateArguments;  // for template specialisations
  // A class template instantiation genreflex describes because something
  // uses it: a member of it that does not compile is left out with a note,
  // not a warning (so also under --fail_on_warnings).
  bool isInstantiation = false;
  bool isAbstract = false;
  bool isPolymorphic = false;
  bool hasVirtualDestructor = false;
  bool isAggregate = false;
  bool isDefaultConstructible = false;
  bool hasPublicDestructor = true;
  bool hasComplexHierarchy = false;
  // Skipping the destructor changes nothing: it is trivial, or an empty
  // inline body, and so are those of every base and member, recursively.
  bool destructorHasNoEffect = false;
  // Its object operations (DlObjectOps) did not compile: all null.
  bool objectOpsRejected = false;
  // Clang's first error, when the parse found that code the dictionary writes
  // for the class would not compile: deleting one (its destructor), its
  // object operations (moving one), copying a caught one (its exception
  // class record). Left out before the source is written.
  std::string destructorDoesNotCompile;
  std::string objectOpsDoNotCompile;
  std::string exceptionCopyDoesNotCompile;
  // A smart pointer: what it points to, as written ("const ns::Particle"),
  // and whether it can take ownership of a `new T` (T complete, with a
  // public destructor).
  SmartPointerKind smartPointer = SmartPointerKind::None;
  std::string pointee;
  bool smartAdopts = false;
  // An exception class (dictionary ABI 1.7, DlExceptionClass): derived from
  // std::exception, or thrown by value by code the headers hold. Clients
  // raise its exceptions as Python exceptions of its own class. Copyable: not
  // abstract, with a public copy constructor and destructor, so a caught
  // exception can be copied as one; a copy that did not compile is rejected.
  bool isExceptionClass = false;
  bool exceptionCopyable = false;
  bool exceptionCopyRejected = false;
  // Python subclasses can override its virtual functions (a class with
  // virtual functions that is not final, with an accessible constructor and
  // destructor, whose virtual functions name only accessible types). Such a
  // class also describes its protected members (isProtected), which its
  // Python subclasses reach.
  bool hasDispatcher = false;
  Dispatcher dispatcher;
  std::vector<Function> functions;
  std::vector<DataMember> data;
  std::vector<Base> bases;
  std::vector<Enum> enums;
  std::vector<Typedef> typedefs;
  int parent = -1;  // index into Model::scopes, -1 for the global one
};

// A whole dictionary. scopes[0] is always the global namespace; a scope's
// parent comes before it.
struct Model {
  std::string name;                  // dictionary name, e.g. "MyClass"
  std::vector<std::string> headers;  // what the generated source includes ("<vector>": a standard one)
  std::vector<Scope> scopes;
};

}  // namespace genreflex
