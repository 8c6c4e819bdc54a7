// parse.cpp - walks clang's AST of the named headers and fills the Model.
//
// Kept to one translation unit on purpose: clang's headers make it the
// slowest file of the project to compile.
#include "genreflex/parse.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/CXXInheritance.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/Mangle.h>
#include <clang/AST/QualTypeNames.h>
#include <clang/AST/RecordLayout.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/DiagnosticSema.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Sema/Initialization.h>
#include <clang/Sema/Lookup.h>
#include <clang/Sema/Sema.h>
#include <clang/Sema/TemplateDeduction.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/raw_ostream.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "genreflex/selection.h"
#include "genreflex/standard_headers.h"
#include "type_names.h"

namespace genreflex {
namespace {

using namespace clang;

// --instantiate names reach clang as aliases in this namespace of the input.
constexpr const char* kRequestNamespace = "genreflex_requested_instantiations";

// Clang prints "const int &"; clients (PyPy's converters among them) expect
// the compact "const int&".
std::string compactTypeName(std::string name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == ' ' && i + 1 < name.size() && (name[i + 1] == '*' || name[i + 1] == '&')) continue;
    out += name[i];
  }
  return out;
}

class ModelBuilder {
 public:
  ModelBuilder(ASTContext& context, Sema& sema, std::set<const FileEntry*> selectedFiles,
               const SelectionRules* selection, bool verbose, Model& model)
      : context_(context),
        sema_(sema),
        selectedFiles_(std::move(selectedFiles)),
        selection_(selection),
        verbose_(verbose),
        model_(model),
        policy_(context.getLangOpts()),
        mangler_(context) {
    policy_.SuppressTagKeyword = true;
    policy_.SuppressScope = false;
    policy_.SuppressUnwrittenScope = true;
    policy_.SuppressInlineNamespace = true;
    policy_.FullyQualifiedName = true;
    policy_.Bool = true;
    policy_.PrintCanonicalTypes = false;
  }

  void build() {
    Scope global;
    global.kind = ScopeKind::Namespace;
    model_.scopes.push_back(global);
    scopeIndex_[""] = 0;
    ThrownClassCollector thrown;
    thrown.TraverseDecl(context_.getTranslationUnitDecl());
    thrownClasses_ = std::move(thrown.found);
    visitContext(context_.getTranslationUnitDecl(), 0, /*parentSelected=*/false);
    for (size_t i = 0; i < neededRecords_.size(); ++i)  // grows while described
      if (!selection_->excludesClass(neededRecords_[i]->getQualifiedNameAsString()))
        visitRecord(neededRecords_[i]);
    noteRequestedInstantiations();
    describeFunctionTemplates();
    noteSmartPointersOfDescribedClasses();
    describeInstantiations();
    addUsedTypedefs();
    checkWhatTheDictionaryCompiles();
  }

  // How many declarations of the headers build() left out.
  unsigned leftOut() const { return leftOut_; }

 private:
  // --- selection -------------------------------------------------------
  // Without a selection file: what the named headers declare, and everything
  // in a selected class. With one: what its rules select, from any header.
  bool isSelected(const Decl* decl, bool parentSelected) {
    if (selection_ == nullptr) return parentSelected || inSelectedFile(decl);
    const auto* named = dyn_cast<NamedDecl>(decl);
    if (named == nullptr || isa<CXXMethodDecl>(decl)) return false;
    std::string name = named->getQualifiedNameAsString();
    bool patterns = patternsReach(named);
    if (const auto* record =
            dyn_cast<CXXRecordDecl>(decl))  // a nested class too needs its own rule, as in ROOT
      return !isa<ClassTemplateSpecializationDecl>(record) && record->isThisDeclarationADefinition() &&
             selection_->selectsClass(name, patterns);  // (a declaration only does not count as a match)
    if (isa<EnumDecl>(decl))
      return parentSelected ? !selection_->excludesEnum(name) : selection_->selectsEnum(name, patterns);
    if (const auto* td = dyn_cast<TypedefNameDecl>(decl)) {
      if (parentSelected) return !selection_->excludesTypedef(name);
      // ROOT's files select a typedef by a class rule too (<class name="example01_t"/>):
      // by its exact name only, so that a class pattern does not take in every typedef
      if (!selection_->selectsTypedef(name, patterns) && !selection_->selectsClass(name, false)) return false;
      selectNeededRecord(td->getUnderlyingType());  // the class it names comes with it
      return true;
    }
    if (isa<VarDecl>(decl))
      return parentSelected ? !selection_->excludesVariable(name)
                            : selection_->selectsVariable(name, patterns);
    if (const auto* fn = dyn_cast<FunctionDecl>(decl))
      return parentSelected || selection_->selectsFunction(name, prototypeOf(fn), patterns);
    if (const auto* tmpl = dyn_cast<FunctionTemplateDecl>(decl)) {
      if (parentSelected || selection_->selectsFunction(name, "", patterns)) return true;
      // a rule may name its instances: <function pattern="f<*>"/>, <function name="f<double>"/>
      for (const FunctionDecl* spec : tmpl->specializations()) {
        std::string arguments = templateArgumentsText(spec);
        if (!arguments.empty() && selection_->selectsFunction(name + "<" + arguments + ">", "", patterns))
          return true;
      }
      return false;
    }
    return parentSelected;
  }

  // A pattern reaches what the project's headers declare and the namespaces
  // of libraries installed among the system headers (/usr/include/fastjet),
  // never the standard library, the C library's globals or names kept for
  // the implementation (__gnu_cxx): pattern="*" must not take those in.
  bool patternsReach(const NamedDecl* decl) const {
    const SourceManager& sm = context_.getSourceManager();
    if (!sm.isInSystemHeader(sm.getExpansionLoc(decl->getLocation()))) return true;
    const NamespaceDecl* outermost = nullptr;
    const auto* self = dyn_cast<NamespaceDecl>(decl);
    for (const DeclContext* dc = self ? self : decl->getDeclContext(); dc != nullptr; dc = dc->getParent())
      if (const auto* ns = dyn_cast<NamespaceDecl>(dc)) outermost = ns;
    return outermost != nullptr && !outermost->isStdNamespace() &&
           outermost->getName().str().rfind("__", 0) != 0;
  }

  // "ns::f(int,const std::string&)": what a proto_name= rule names.
  std::string prototypeOf(const FunctionDecl* fn) const {
    if (fn->isTemplated()) return "";
    std::string out = fn->getQualifiedNameAsString() + "(";
    for (const ParmVarDecl* param : fn->parameters())
      out += (param->getFunctionScopeIndex() ? "," : "") + typeName(param->getType());
    return out + ")";
  }

  // What a selected declaration needs (its base classes, the class its
  // typedef names) is described after the walk; instantiations are noted
  // through their types anyway.
  void selectNeededRecord(QualType type) {
    auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
    if (record == nullptr || isa<ClassTemplateSpecializationDecl>(record) || !record->hasDefinition()) return;
    neededRecords_.push_back(record->getDefinition());
  }

  // <class pattern="Box<*>"/> (or a name) selects the instantiations of a
  // class template that the headers make.
  void selectSpecializations(ClassTemplateDecl* tmpl) {
    if (tmpl->getCanonicalDecl() != tmpl) return;  // each template once
    bool patterns = patternsReach(tmpl);
    for (ClassTemplateSpecializationDecl* spec : tmpl->specializations()) {
      if (spec->isInvalidDecl() || isa<ClassTemplatePartialSpecializationDecl>(spec)) continue;
      QualType type = context_.getRecordType(spec);
      if (unreachableReason(type).empty() && selection_->selectsClass(instantiationName(spec), patterns))
        noteInstantiations(type);
    }
  }

  bool inSelectedFile(const Decl* decl) const {
    const SourceManager& sm = context_.getSourceManager();
    SourceLocation loc = sm.getExpansionLoc(decl->getLocation());
    if (loc.isInvalid()) return false;
    const FileEntry* file = sm.getFileEntryForID(sm.getFileID(loc));
    return file && selectedFiles_.count(file) != 0;
  }

  // Says what is left out of the dictionary and why (under -v) and counts it.
  void skip(const NamedDecl* decl, const std::string& why) { skip(label(decl), why); }
  void skip(const std::string& what, const std::string& why) {
    ++leftOut_;
    if (!verbose_) return;
    llvm::errs() << "genreflex: note: skipping " << what << ": " << why << "\n";
  }
  // Says (under -v) what a dispatcher leaves out, which is no declaration of
  // the headers left out of the dictionary, so it is not counted.
  void note(const std::string& text) const {
    if (verbose_) llvm::errs() << "genreflex: note: " << text << "\n";
  }

  // A function with its parameter types, so overloads can be told apart.
  std::string label(const NamedDecl* decl) const {
    std::string out = decl->getQualifiedNameAsString();
    if (inInstantiation_ && isa<CXXRecordDecl>(decl->getDeclContext()))  // by the instantiation's one name
      out = instantiationName(cast<ClassTemplateSpecializationDecl>(decl->getDeclContext())) +
            "::" + decl->getNameAsString();
    const auto* fn = dyn_cast<FunctionDecl>(decl);
    if (fn == nullptr) return out;
    out += "(";
    for (const ParmVarDecl* param : fn->parameters())
      out += (param->getFunctionScopeIndex() ? ", " : "") + typeName(param->getType());
    out += ")";
    if (const auto* method = dyn_cast<CXXMethodDecl>(fn); method && method->isConst()) out += " const";
    return out;
  }

  // --- types -----------------------------------------------------------
  // The generated code is outside every class and namespace, so each name in
  // a type is written from the global scope. TypeName::getFullyQualifiedType
  // qualifies named types but not inside the sugar around them (an array
  // parameter's decayed type, function types, parentheses), so that is
  // rebuilt here and only the named leaves go to it.
  QualType qualifiedType(QualType type) const {
    Qualifiers qualifiers = type.getLocalQualifiers();
    const clang::Type* t = type.getTypePtr();
    QualType out;
    if (const auto* decayed = dyn_cast<DecayedType>(t)) {
      out = qualifiedType(decayed->getDecayedType());
    } else if (const auto* paren = dyn_cast<ParenType>(t)) {
      out = qualifiedType(paren->getInnerType());
    } else if (const auto* attributed = dyn_cast<AttributedType>(t)) {
      out = qualifiedType(attributed->getModifiedType());
    } else if (const auto* macro = dyn_cast<MacroQualifiedType>(t)) {
      out = qualifiedType(macro->getUnderlyingType());
    } else if (const auto* pointer = dyn_cast<PointerType>(t)) {
      out = context_.getPointerType(qualifiedType(pointer->getPointeeType()));
    } else if (const auto* lvalue = dyn_cast<LValueReferenceType>(t)) {
      out = context_.getLValueReferenceType(qualifiedType(lvalue->getPointeeType()));
    } else if (const auto* rvalue = dyn_cast<RValueReferenceType>(t)) {
      out = context_.getRValueReferenceType(qualifiedType(rvalue->getPointeeType()));
    } else if (const auto* array = dyn_cast<ConstantArrayType>(t)) {
      out = context_.getConstantArrayType(qualifiedType(array->getElementType()), array->getSize(), nullptr,
                                          array->getSizeModifier(), array->getIndexTypeCVRQualifiers());
    } else if (const auto* open = dyn_cast<IncompleteArrayType>(t)) {
      out = context_.getIncompleteArrayType(qualifiedType(open->getElementType()), open->getSizeModifier(),
                                            open->getIndexTypeCVRQualifiers());
    } else if (const auto* proto = dyn_cast<FunctionProtoType>(t)) {
      std::vector<QualType> params;
      for (QualType param : proto->getParamTypes()) params.push_back(qualifiedType(param));
      out = context_.getFunctionType(qualifiedType(proto->getReturnType()), params, proto->getExtProtoInfo());
    } else {
      out = qualifiedArguments(TypeName::getFullyQualifiedType(QualType(t, 0), context_, false));
    }
    return context_.getQualifiedType(out, qualifiers);
  }

  // getFullyQualifiedType qualifies the named types among a template's
  // arguments, but not inside an argument that is a function type or an
  // array (std::function<int(const T&)>, std::unique_ptr<T[]>): its type
  // arguments go through qualifiedType as well.
  QualType qualifiedArguments(QualType type) const {
    if (const auto* elaborated = dyn_cast<ElaboratedType>(type.getTypePtr())) {
      QualType inner = qualifiedArguments(elaborated->getNamedType());
      if (inner == elaborated->getNamedType()) return type;
      return context_.getQualifiedType(
          context_.getElaboratedType(elaborated->getKeyword(), elaborated->getQualifier(), inner),
          type.getLocalQualifiers());
    }
    if (const auto* record = dyn_cast<RecordType>(type.getTypePtr())) {
      // an instantiation as its declaration names it (its scope's name)
      const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(record->getDecl());
      if (spec == nullptr) return type;
      std::vector<TemplateArgument> arguments;
      if (!qualifiedArguments(spec->getTemplateArgs().asArray(), arguments)) return type;
      QualType rebuilt = context_.getTemplateSpecializationType(TemplateName(spec->getSpecializedTemplate()),
                                                                arguments, type.getCanonicalType());
      return context_.getQualifiedType(rebuilt,
                                       type.getLocalQualifiers());  // (the policy qualifies its name)
    }
    const auto* specialization = dyn_cast<TemplateSpecializationType>(type.getTypePtr());
    if (specialization == nullptr) return type;
    std::vector<TemplateArgument> arguments;
    if (!qualifiedArguments(specialization->template_arguments(), arguments)) return type;
    QualType rebuilt = context_.getTemplateSpecializationType(specialization->getTemplateName(), arguments,
                                                              type.getCanonicalType());
    return context_.getQualifiedType(rebuilt, type.getLocalQualifiers());
  }

  // Whether any of the arguments changed, qualified into out.
  bool qualifiedArguments(ArrayRef<TemplateArgument> arguments, std::vector<TemplateArgument>& out) const {
    bool changed = false;
    for (const TemplateArgument& argument : arguments) {
      out.push_back(qualifiedArgument(argument));
      changed = changed || !out.back().structurallyEquals(argument);
    }
    return changed;
  }

  TemplateArgument qualifiedArgument(const TemplateArgument& argument) const {
    if (argument.getKind() == TemplateArgument::Type)
      return TemplateArgument(qualifiedType(argument.getAsType()));
    if (argument.getKind() != TemplateArgument::Pack) return argument;
    std::vector<TemplateArgument> pack;
    for (const TemplateArgument& element : argument.pack_elements())
      pack.push_back(qualifiedArgument(element));
    return TemplateArgument::CreatePackCopy(context_, pack);
  }

  // Inside members of an instantiation every type is written resolved (its
  // typedefs, such as value_type, name nothing clients know).
  std::string typeName(QualType type) const {
    if (inInstantiation_) type = type.getCanonicalType();
    std::string name = compactTypeName(qualifiedType(type).getAsString(policy_));
    // One spelling for each instantiation, the one its scope has (type_names.h).
    if (name.find('<') != std::string::npos)
      name = dictloader::canonicalTypeName(name, {}, dictloader::UnqualifiedNames::AsWritten);
    return name;
  }

  // Why code outside every class cannot name decl, or "" if it can: it is a
  // private or protected member (of a class or of one around it), local to a
  // function, or in an anonymous namespace.
  static std::string unreachableReason(const NamedDecl* decl) {
    for (const Decl* d = decl; d != nullptr && !isa<TranslationUnitDecl>(d);) {
      const DeclContext* dc = d->getDeclContext();
      if (dc == nullptr) break;
      const auto* named = dyn_cast<NamedDecl>(d);
      if (isa<CXXRecordDecl>(dc) && named && (d->getAccess() == AS_private || d->getAccess() == AS_protected))
        return "'" + named->getQualifiedNameAsString() + "' is " +
               (d->getAccess() == AS_private ? "private" : "protected");
      if (dc->isFunctionOrMethod())
        return "'" + decl->getQualifiedNameAsString() + "' is local to a function";
      if (const auto* ns = dyn_cast<NamespaceDecl>(dc); ns && ns->isAnonymousNamespace())
        return "'" + decl->getQualifiedNameAsString() + "' is in an anonymous namespace";
      d = Decl::castFromDeclContext(dc);
    }
    return "";
  }

  // --- exception classes (dictionary ABI 1.7) ---------------------------
  // The classes that code in the headers throws by value (`throw Error(...)`),
  // outside the standard library's own namespaces: clients raise those as
  // exceptions of their own class, as they do for std::exception's.
  class ThrownClassCollector : public RecursiveASTVisitor<ThrownClassCollector> {
   public:
    std::set<const CXXRecordDecl*> found;
    bool TraverseNamespaceDecl(NamespaceDecl* ns) {
      if (ns->isStdNamespace() || ns->getName().starts_with("__")) return true;
      return RecursiveASTVisitor::TraverseNamespaceDecl(ns);
    }
    bool VisitCXXThrowExpr(CXXThrowExpr* e) {
      const Expr* thrown = e->getSubExpr();
      if (thrown == nullptr || thrown->isTypeDependent()) return true;
      if (const CXXRecordDecl* record = thrown->getType()->getAsCXXRecordDecl())
        found.insert(record->getCanonicalDecl());
      return true;
    }
  };

  static bool isStdException(const CXXRecordDecl* record) {
    return record->isInStdNamespace() && record->getIdentifier() && record->getName() == "exception";
  }

  bool isExceptionClass(const CXXRecordDecl* record) const {
    if (thrownClasses_.count(record->getCanonicalDecl()) || isStdException(record)) return true;
    bool derived = false;
    record->forallBases([&derived](const CXXRecordDecl* base) {
      derived = derived || isStdException(base);
      return true;
    });
    return derived;
  }

  // Can a caught exception of this class be copied as one (`new T(caught)`)?
  bool copyableException(CXXRecordDecl* record, const Scope& scope) {
    if (record->isAbstract() || !scope.hasPublicDestructor) return false;
    CXXConstructorDecl* copy = sema_.LookupCopyingConstructor(record, Qualifiers::Const);
    return copy != nullptr && !copy->isDeleted() && copy->getAccess() == AS_public;
  }

  // Every declaration a type names: typedefs, classes, enums and templates,
  // also in nested-name qualifiers and template arguments (of a canonical
  // specialisation too).
  class NamedDeclCollector : public RecursiveASTVisitor<NamedDeclCollector> {
   public:
    std::vector<const NamedDecl*> found;
    bool VisitTypedefType(TypedefType* t) {
      found.push_back(t->getDecl());
      return true;
    }
    bool VisitTagType(TagType* t) {
      found.push_back(t->getDecl());
      if (const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(t->getDecl()))
        TraverseTemplateArguments(spec->getTemplateArgs().asArray());
      return true;
    }
    bool VisitTemplateSpecializationType(TemplateSpecializationType* t) {
      if (const TemplateDecl* decl = t->getTemplateName().getAsTemplateDecl()) found.push_back(decl);
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr* e) {  // a value template argument
      found.push_back(e->getDecl());
      return true;
    }
  };

  static std::string unreachableReason(QualType type) {
    NamedDeclCollector collector;
    collector.TraverseType(type);
    for (const NamedDecl* decl : collector.found)
      if (std::string why = unreachableReason(decl); !why.empty()) return why;
    return "";
  }

  static bool isStdString(QualType type) {
    type = type.getCanonicalType().getUnqualifiedType();
    const auto* record = type->getAsCXXRecordDecl();
    if (!record) return false;
    const auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(record);
    if (!spec || spec->getName() != "basic_string" || !spec->isInStdNamespace()) return false;
    const TemplateArgumentList& args = spec->getTemplateArgs();
    if (args.size() < 1 || args[0].getKind() != TemplateArgument::Type) return false;
    QualType element = args[0].getAsType();
    return element->isSpecificBuiltinType(BuiltinType::Char_S) ||
           element->isSpecificBuiltinType(BuiltinType::Char_U);
  }

  TypeCategory categoryOf(QualType type, std::string& builtin, std::string& enumName) const {
    QualType canonical = type.getCanonicalType();
    if (canonical->isVoidType()) return TypeCategory::Void;
    if (const auto* bt = canonical->getAs<BuiltinType>()) {
      if (bt->isInteger() || bt->isFloatingPoint() || bt->isBooleanType()) {
        if (bt->getKind() == BuiltinType::Int128 || bt->getKind() == BuiltinType::UInt128 ||
            bt->getKind() == BuiltinType::Float128 || bt->getKind() == BuiltinType::Half ||
            bt->getKind() == BuiltinType::Float16 || bt->getKind() == BuiltinType::BFloat16 ||
            bt->getKind() == BuiltinType::Char8)
          return TypeCategory::Other;
        builtin = canonical.getUnqualifiedType().getAsString(policy_);
        return TypeCategory::Builtin;
      }
      return TypeCategory::Other;
    }
    if (const auto* et = canonical->getAs<EnumType>()) {
      if (!et->getDecl()->isComplete()) return TypeCategory::Other;
      builtin = et->getDecl()->getIntegerType().getCanonicalType().getAsString(policy_);
      if (et->getDecl()->getIdentifier()) enumName = typeName(canonical.getUnqualifiedType());
      return TypeCategory::Enum;
    }
    if (canonical->isPointerType()) return TypeCategory::Pointer;
    if (canonical->isRecordType()) {
      if (isStdString(canonical)) return TypeCategory::String;
      const auto* record = canonical->getAsCXXRecordDecl();
      if (!record || !record->hasDefinition()) return TypeCategory::Other;
      return TypeCategory::Class;
    }
    return TypeCategory::Other;
  }

  // The type as the generated code writes it and clients see it. A type that
  // names a private or protected declaration is written through what it
  // resolves to (a protected typedef of a public class is that class); if that
  // too is out of reach, unreachable says why and the caller leaves its
  // declaration out.
  Type describeType(QualType type, std::string& unreachable) {
    unreachable = unreachableReason(type.getCanonicalType());
    if (!unreachable.empty()) {
      if (std::string written = unreachableReason(type); !written.empty()) unreachable = written;
      return Type{typeName(type), typeName(type.getCanonicalType()), TypeCategory::Other, "", {}, false, ""};
    }
    if (!unreachableReason(type).empty()) type = type.getCanonicalType();
    return describeReachableType(type);
  }

  Type describeReachableType(QualType type) {
    if (!inInstantiation_) {  // an instantiation's members are written resolved
      noteTypedefs(type);
      noteInstantiations(type);
    }
    completeInstantiation(type);
    Type out;
    out.name = typeName(type);
    out.canonical = typeName(type.getCanonicalType());
    if (out.name.find("(anonymous") != std::string::npos || out.name.find("(unnamed") != std::string::npos ||
        out.name.find("(lambda") != std::string::npos ||
        out.canonical.find("__va_list_tag") != std::string::npos)  // va_list has no portable spelling
      return out;  // category Other: no name to spell in generated code
    if (const auto* ref = type.getCanonicalType()->getAs<ReferenceType>()) {
      out.category = TypeCategory::Reference;
      QualType pointee = ref->getPointeeType();
      out.referee = categoryOf(pointee, out.builtin, out.enumName);
      out.refereeConst = pointee.isConstQualified();
      if (ref->isRValueReferenceType()) out.category = TypeCategory::Other;  // not yet
      return out;
    }
    out.category = categoryOf(type, out.builtin, out.enumName);
    return out;
  }

  static bool callable(const Type& type, bool isResult) {
    switch (type.category) {
      case TypeCategory::Void:
        return isResult;
      case TypeCategory::Builtin:
      case TypeCategory::Enum:
      case TypeCategory::Pointer:
      case TypeCategory::Class:
      case TypeCategory::String:
        return true;
      case TypeCategory::Reference:
        return type.referee != TypeCategory::Other && type.referee != TypeCategory::Void;
      case TypeCategory::Other:
        return false;
    }
    return false;
  }

  // --- class template instantiations ----------------------------------------
  // Instantiations used by the selected declarations (and their template
  // arguments: a std::vector<std::vector<double>> needs std::vector<double>)
  // are described after the walk. Those named only inside the members of an
  // instantiation (its iterators, its allocator) are not: the dictionary would
  // grow without end, so such members are left out instead.
  void noteInstantiations(QualType type) {
    if (inInstantiation_) return;
    type = type.getCanonicalType();
    while (true) {
      if (const auto* ref = type->getAs<ReferenceType>()) {
        type = ref->getPointeeType().getCanonicalType();
      } else if (type->isPointerType()) {
        type = type->getPointeeType().getCanonicalType();
      } else if (const auto* array = context_.getAsArrayType(type)) {
        type = array->getElementType().getCanonicalType();
      } else {
        break;
      }
    }
    auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || isStdString(type) || !unreachableReason(type).empty()) return;
    if (!noteInstantiation(spec)) return;
    for (const TemplateArgument& arg : spec->getTemplateArgs().asArray())
      if (arg.getKind() == TemplateArgument::Type && !isPolicyArgument(arg.getAsType()))
        noteInstantiations(arg.getAsType());
  }

  // The standard containers' allocators, comparators and traits: template
  // arguments no Python code handles itself.
  static bool isPolicyArgument(QualType type) {
    const auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
    if (record == nullptr || !record->isInStdNamespace() || record->getIdentifier() == nullptr) return false;
    StringRef name = record->getName();
    return name == "allocator" || name == "less" || name == "greater" || name == "hash" ||
           name == "equal_to" || name == "char_traits" || name == "default_delete";
  }

  // False if already noted.
  bool noteInstantiation(ClassTemplateSpecializationDecl* spec) {
    auto* canonical = cast<ClassTemplateSpecializationDecl>(spec->getCanonicalDecl());
    if (!notedInstantiations_.insert(canonical).second) return false;
    instantiations_.push_back(canonical);
    instantiationNames_.insert(instantiationName(canonical));
    return true;
  }

  // Clang instantiates a class template's definition only where code needs
  // it, so an instantiation that only declarations name (a method defined in
  // the user's library that takes `const std::vector<double>&`) is still
  // incomplete when its signature is read. Its stub and its own description
  // need it complete: a noted instantiation is completed here, as
  // describeInstantiations would complete it, before anyone decides what a
  // stub can pass. One that does not compile stays incomplete, and why is
  // kept for the message of what it leaves out.
  void completeInstantiation(QualType type) {
    type = type.getCanonicalType().getNonReferenceType();
    while (true) {
      if (type->isPointerType())
        type = type->getPointeeType().getCanonicalType();
      else if (const auto* array = context_.getAsArrayType(type))
        type = array->getElementType().getCanonicalType();
      else
        break;
    }
    auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr || spec->hasDefinition() || spec->isInvalidDecl()) return;
    const auto* canonical = cast<ClassTemplateSpecializationDecl>(spec->getCanonicalDecl());
    if (!notedInstantiations_.count(canonical) || uncompletable_.count(canonical)) return;
    SourceManager& sm = context_.getSourceManager();
    SourceLocation where = sm.getLocForEndOfFile(sm.getMainFileID());
    SilencedDiagnostics silenced(sema_.getDiagnostics());
    DiagnosticErrorTrap trap(sema_.getDiagnostics());
    if (std::string incomplete = incompleteArgument(spec, where); !incomplete.empty()) {
      uncompletable_[canonical] = "its template argument '" + incomplete + "' is only declared";
      return;
    }
    if (!sema_.isCompleteType(where, context_.getRecordType(spec)) || trap.hasErrorOccurred() ||
        spec->isInvalidDecl())
      uncompletable_[canonical] = "instantiating it fails";
  }

  // Why a type of a signature cannot cross a stub: "" when nothing more
  // specific than "cannot be passed through a stub" is known.
  std::string stubObstacle(QualType type) const {
    type = type.getCanonicalType().getNonReferenceType();
    while (type->isPointerType()) type = type->getPointeeType().getCanonicalType();
    const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
    if (spec == nullptr) return "";
    auto found = uncompletable_.find(cast<ClassTemplateSpecializationDecl>(spec->getCanonicalDecl()));
    if (found == uncompletable_.end()) return "";
    return "'" + instantiationName(spec) + "' does not compile (" + found->second + ")";
  }

  std::string instantiationName(const ClassTemplateSpecializationDecl* spec) const {
    return typeName(context_.getRecordType(spec));
  }

  // --instantiate names reach the parse as aliases in a namespace of their own.
  void noteRequestedInstantiations() {
    const DeclContext* tu = context_.getTranslationUnitDecl();
    for (const Decl* decl : tu->decls()) {
      const auto* ns = dyn_cast<NamespaceDecl>(decl);
      if (ns == nullptr || ns->getName() != kRequestNamespace) continue;
      for (const Decl* member : ns->decls()) {
        const auto* alias = dyn_cast<TypedefNameDecl>(member);
        if (alias == nullptr) continue;
        QualType type = alias->getUnderlyingType().getCanonicalType();
        const auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
        if (spec == nullptr || isStdString(type)) {  // noteInstantiations does the rest
          llvm::errs() << "genreflex: warning: --instantiate '" << typeName(alias->getUnderlyingType())
                       << "': not a class template instantiation; nothing to add\n";
          continue;
        }
        noteInstantiations(type);
      }
    }
  }

  // The namespace that holds an instantiation's scope: inline namespaces
  // (std::__cxx11) are not part of its name.
  int instantiationParent(const DeclContext* dc) {
    while (const auto* ns = dyn_cast<NamespaceDecl>(dc)) {
      if (!ns->isInline()) break;
      dc = ns->getDeclContext();
    }
    if (!isa<NamespaceDecl>(dc) && !isa<TranslationUnitDecl>(dc)) return -1;
    return ensureScope(dc);
  }

  void describeInstantiations() {
    SourceManager& sm = context_.getSourceManager();
    SourceLocation where = sm.getLocForEndOfFile(sm.getMainFileID());
    for (size_t i = 0; i < instantiations_.size(); ++i) {  // grows while described
      ClassTemplateSpecializationDecl* spec = instantiations_[i];
      std::string name = instantiationName(spec);
      if (scopeIndex_.count(name)) continue;
      if (selection_ && selection_->excludesClass(name)) {
        skip(name, "the selection file excludes it");
        continue;
      }
      QualType type = context_.getRecordType(spec);
      // What the headers never instantiate may not compile (std::pair<int, Fwd>
      // of a declared-only Fwd): that leaves this instantiation out, not the
      // whole dictionary, so clang's errors are caught here, not reported.
      SilencedDiagnostics silenced(sema_.getDiagnostics());
      DiagnosticErrorTrap trap(sema_.getDiagnostics());
      // A class the headers only declare (std::vector<PseudoJet> beside `class
      // PseudoJet;`) makes the instantiation's members fail deep inside the
      // standard library, where no stub can be blamed: leave it out first.
      std::string incomplete = incompleteArgument(spec, where);
      if (!incomplete.empty()) {
        skip(name,
             "its template argument '" + incomplete + "' is only declared, not defined, in these headers");
        continue;
      }
      bool complete = sema_.isCompleteType(where, type);
      if (!complete || trap.hasErrorOccurred() || spec->isInvalidDecl() || !spec->hasDefinition()) {
        skip(name, "it does not compile (instantiating it fails)");
        continue;
      }
      int parent = instantiationParent(spec->getDeclContext());
      if (parent < 0) {
        skip(name, "instantiations of class templates nested in classes are not yet supported");
        continue;
      }
      auto* definition = cast<ClassTemplateSpecializationDecl>(spec->getDefinition());
      const std::string& parentName = model_.scopes[parent].qualifiedName;
      std::string shortName = parentName.empty() || name.rfind(parentName + "::", 0) != 0
                                  ? name
                                  : name.substr(parentName.size() + 2);
      auto companion = companions_.find(spec);
      describing_ = companion != companions_.end() ? companion->second : Companion::None;
      if (describing_ == Companion::None) noteContainerCompanions(definition, where);
      // (a member that does not compile for it is marked by checkWhatTheDictionaryCompiles;
      // one only the system compiler rejects, by library mode's compile-and-retry)
      inInstantiation_ = true;
      describeRecord(definition, shortName, name, parent);
      describeSmartPointer(definition, scopeIndex_[name]);
      if (describing_ == Companion::Iterator) describeIteratorEquality(definition, scopeIndex_[name], where);
      describing_ = Companion::None;
      inInstantiation_ = false;
      model_.scopes[scopeIndex_[name]].isInstantiation = true;
    }
  }

  // std.make_shared[T] and make_unique[T] need std::shared_ptr<T> and
  // std::unique_ptr<T> (their DlSmartPointer's adopt): described for every
  // class the dictionary describes, when the headers declare them (include
  // <memory>), also where no signature uses them.
  void noteSmartPointersOfDescribedClasses() {
    const auto* stdNamespace = lookupIn<NamespaceDecl>(context_.getTranslationUnitDecl(), "std");
    if (stdNamespace == nullptr) return;
    SourceManager& sm = context_.getSourceManager();
    SourceLocation where = sm.getLocForEndOfFile(sm.getMainFileID());
    for (const char* name : {"shared_ptr", "unique_ptr"}) {
      auto* tmpl = lookupIn<ClassTemplateDecl>(stdNamespace, name);
      if (tmpl == nullptr) continue;
      for (QualType type : std::vector<QualType>(describedClassTypes_)) {
        const auto* record = type->getAsCXXRecordDecl();
        if (record == nullptr || record->isUnion() || record->isInStdNamespace()) continue;
        SilencedDiagnostics silenced(sema_.getDiagnostics());
        DiagnosticErrorTrap trap(sema_.getDiagnostics());
        TemplateArgumentListInfo args(where, where);
        args.addArgument(
            TemplateArgumentLoc(TemplateArgument(type), context_.getTrivialTypeSourceInfo(type, where)));
        QualType smart = sema_.CheckTemplateIdType(TemplateName(tmpl), where, args);
        if (smart.isNull() || trap.hasErrorOccurred()) continue;
        if (auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(smart->getAsCXXRecordDecl()))
          noteInstantiation(spec);
      }
    }
  }

  template <class D>
  D* lookupIn(const DeclContext* dc, const char* name) {
    for (NamedDecl* found : dc->lookup(&context_.Idents.get(name)))
      if (auto* decl = dyn_cast<D>(found)) return decl;
    return nullptr;
  }

  // std::shared_ptr<T> and std::unique_ptr<T> (with its default deleter) are
  // what clients hand out as a T (DlSmartPointer). Their get() and use_count()
  // live in libstdc++'s internal bases (std::__shared_ptr), which the
  // dictionary does not describe: they are described as members of the smart
  // pointer itself, so raw _cppyy finds its dereferencing method there.
  void describeSmartPointer(const ClassTemplateSpecializationDecl* spec, int scope) {
    if (!spec->isInStdNamespace() || spec->getIdentifier() == nullptr) return;
    StringRef name = spec->getName();
    SmartPointerKind kind = name == "shared_ptr"   ? SmartPointerKind::Shared
                            : name == "unique_ptr" ? SmartPointerKind::Unique
                                                   : SmartPointerKind::None;
    const TemplateArgumentList& args = spec->getTemplateArgs();
    if (kind == SmartPointerKind::None || args.size() == 0 || args[0].getKind() != TemplateArgument::Type)
      return;
    if (kind == SmartPointerKind::Unique && (args.size() < 2 || args[1].getKind() != TemplateArgument::Type ||
                                             !isPolicyArgument(args[1].getAsType())))
      return;  // a custom deleter: a plain class
    QualType pointee = args[0].getAsType();
    if (pointee->isArrayType() || pointee->isVoidType() || pointee->getAsCXXRecordDecl() == nullptr) return;
    Scope& out = model_.scopes[scope];
    out.smartPointer = kind;
    out.pointee = typeName(pointee);
    const CXXRecordDecl* record = pointee->getAsCXXRecordDecl()->getDefinition();
    const CXXDestructorDecl* dtor = record ? record->getDestructor() : nullptr;
    out.smartAdopts =
        record != nullptr && (dtor == nullptr || (dtor->getAccess() == AS_public && !dtor->isDeleted()));
    if (kind == SmartPointerKind::Shared)
      visitInheritedSmartMembers(spec, scope, 0);  // (unique_ptr declares get())
  }

  void visitInheritedSmartMembers(const CXXRecordDecl* record, int scope, int depth) {
    if (depth > 4) return;
    for (const CXXBaseSpecifier& base : record->bases()) {
      const CXXRecordDecl* baseDecl = base.getType()->getAsCXXRecordDecl();
      if (baseDecl == nullptr || !baseDecl->hasDefinition()) continue;
      for (Decl* member : baseDecl->getDefinition()->decls()) {
        auto* method = dyn_cast<CXXMethodDecl>(member);
        if (method == nullptr || method->getIdentifier() == nullptr) continue;
        if (method->getName() != "get" && method->getName() != "use_count") continue;
        bool known = false;
        for (const Function& fn : model_.scopes[scope].functions)
          known = known || fn.name == method->getName();
        if (!known) visitMethod(method, scope);
      }
      visitInheritedSmartMembers(baseDecl->getDefinition(), scope, depth + 1);
    }
  }

  // A container's iterator classes (what begin() and end() return) and its
  // value type (std::map's std::pair<const K, V>) are described with it, since
  // Python iterates through them, each with only the members Python needs
  // (companionNeeds). They are noted before the container's members are
  // described, so that begin(), end() and find() are kept. A companion's own
  // companions are never looked for: the dictionary stays finite.
  void noteContainerCompanions(const CXXRecordDecl* container, SourceLocation where) {
    std::vector<const TypedefNameDecl*> companions;
    bool hasIterator = false;
    for (const Decl* member : container->decls()) {
      const auto* td = dyn_cast<TypedefNameDecl>(member);
      if (td == nullptr || td->getAccess() != AS_public) continue;
      StringRef name = td->getName();
      if (name != "iterator" && name != "const_iterator" && name != "value_type") continue;
      hasIterator = hasIterator || name == "iterator";
      companions.push_back(td);
    }
    if (!hasIterator) return;
    for (const TypedefNameDecl* td : companions) {
      QualType type = td->getUnderlyingType().getCanonicalType();
      auto* spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
      if (spec == nullptr || isStdString(type) || !unreachableReason(type).empty()) continue;
      // complete now: the container's members take and return them by value
      if (!sema_.isCompleteType(where, type) || spec->isInvalidDecl()) continue;
      bool isValue = td->getName() == "value_type";
      // a value type the headers use (std::pair<int,double> of a vector of them) is described whole
      if (!noteInstantiation(spec) && isValue) continue;
      companions_[cast<ClassTemplateSpecializationDecl>(spec->getCanonicalDecl())] =
          isValue ? Companion::Value : Companion::Iterator;
    }
  }

  // Of an iterator class Python needs the dereference, the prefix increment
  // and equality (and the destructor of what begin() returns); of a value
  // type its data (the members of std::pair<const K, V>, such as swap, do not
  // even compile).
  bool companionNeeds(const Decl* member) const {
    if (describing_ == Companion::None || isa<CXXDestructorDecl>(member)) return true;
    if (describing_ == Companion::Value) return isa<FieldDecl>(member);
    const auto* method = dyn_cast<CXXMethodDecl>(member);
    if (method == nullptr) return false;
    switch (method->getOverloadedOperator()) {
      case OO_Star:
      case OO_PlusPlus:
        return method->getNumParams() == 0;
      case OO_EqualEqual:
      case OO_ExclaimEqual:
        return method->getNumParams() == 1;
      default:
        return false;
    }
  }

  // libstdc++'s iterator == and != are hidden friends or free function
  // templates that only argument-dependent lookup finds, while PyPy's _cppyy
  // looks for a member operator== or asks cppyy_get_global_operator about ""
  // and "__gnu_cxx", and else compares addresses (never equal for two
  // iterator objects). So each is described as a const member of the iterator
  // class whose stub evaluates `*self op other`: clang picks the operator here
  // as it would in C++ code comparing two iterators.
  void describeIteratorEquality(const CXXRecordDecl* iterator, int scope, SourceLocation where) {
    QualType self = context_.getConstType(context_.getRecordType(iterator));
    for (BinaryOperatorKind op : {BO_EQ, BO_NE}) {
      std::string name = "operator" + BinaryOperator::getOpcodeStr(op).str();
      bool declared = false;
      for (const Function& fn : model_.scopes[scope].functions)
        declared = declared || (fn.name == name && fn.arguments.size() == 1);
      if (declared) continue;
      SilencedDiagnostics silenced(sema_.getDiagnostics());
      DiagnosticErrorTrap trap(sema_.getDiagnostics());
      auto* lhs = new (context_) OpaqueValueExpr(where, self, VK_LValue);
      auto* rhs = new (context_) OpaqueValueExpr(where, self, VK_LValue);
      UnresolvedSet<4> noFunctionsInScope;  // what ADL finds is all there is
      ExprResult comparison = sema_.CreateOverloadedBinOp(where, op, noFunctionsInScope, lhs, rhs);
      if (comparison.isInvalid() || trap.hasErrorOccurred() || !comparison.get()->getType()->isBooleanType())
        continue;
      Function fn;
      fn.kind = FunctionKind::Method;
      fn.name = name;
      fn.qualifiedName = model_.scopes[scope].qualifiedName + "::" + name;
      fn.isConst = fn.isOperator = fn.isAdlOperator = fn.hasInlineBody = true;
      fn.cannotThrow = fn.isNoexcept = sema_.canThrow(comparison.get()) == CT_Cannot;
      fn.result = Type{"bool", "bool", TypeCategory::Builtin, "bool", TypeCategory::Other, false, ""};
      Argument other;
      other.name = "other";
      std::string unreachable;
      other.type = describeType(context_.getLValueReferenceType(self), unreachable);
      fn.arguments.push_back(std::move(other));
      fn.requiredArguments = 1;
      addFunction(scope, std::move(fn), calleeOf(comparison.get()), /*signature=*/false);
    }
  }

  // Operators declared only as friends inside the class (hidden friends): C++
  // finds them by argument-dependent lookup alone, so each is described as a
  // function of the class's namespace whose stub writes the operator
  // expression (Function::isAdlOperator). A friend that the namespace
  // declares too is described there, as any function (visitFreeFunction).
  // Stream insertion and extraction are left to describeStreamText.
  void describeHiddenFriendOperators(const CXXRecordDecl* record) {
    for (const Decl* member : record->decls()) {
      const auto* friendship = dyn_cast<FriendDecl>(member);
      auto* fn = friendship ? dyn_cast_or_null<FunctionDecl>(friendship->getFriendDecl()) : nullptr;
      if (fn == nullptr || fn->isDeleted() || fn->isTemplated() || !writableAsExpression(fn)) continue;
      bool declaredOutside = false;
      for (const FunctionDecl* redecl : fn->redecls())
        declaredOutside = declaredOutside || redecl->getFriendObjectKind() == Decl::FOK_None;
      if (declaredOutside || !describedFreeFunctions_.insert(fn->getCanonicalDecl()).second) continue;
      int scope = ensureScope(fn->getDeclContext());  // its namespace (the class is only where it is written)
      if (scope < 0) continue;
      Function out;
      out.kind = FunctionKind::Static;
      if (!describeFunction(fn, out)) continue;
      out.isAdlOperator = true;
      addFunction(scope, std::move(out), fn);
    }
  }

  // Can `a op b` (or `op a`) stand for this operator function?
  static bool writableAsExpression(const FunctionDecl* fn) {
    switch (fn->getOverloadedOperator()) {
      case OO_Plus:
      case OO_Minus:
        return fn->getNumParams() == 1 || fn->getNumParams() == 2;
      case OO_Tilde:
      case OO_Exclaim:
        return fn->getNumParams() == 1;
      case OO_LessLess:
      case OO_GreaterGreater:
        return fn->getNumParams() == 2 && !isStream(fn->getParamDecl(0)->getType());
      case OO_Star:
      case OO_Slash:
      case OO_Percent:
      case OO_Caret:
      case OO_Amp:
      case OO_Pipe:
      case OO_Less:
      case OO_Greater:
      case OO_LessEqual:
      case OO_GreaterEqual:
      case OO_EqualEqual:
      case OO_ExclaimEqual:
      case OO_PlusEqual:
      case OO_MinusEqual:
      case OO_StarEqual:
      case OO_SlashEqual:
      case OO_PercentEqual:
      case OO_CaretEqual:
      case OO_AmpEqual:
      case OO_PipeEqual:
      case OO_LessLessEqual:
      case OO_GreaterGreaterEqual:
        return fn->getNumParams() == 2;
      default:
        return false;
    }
  }

  static bool isStream(QualType type) {
    const CXXRecordDecl* record = type.getNonReferenceType()->getAsCXXRecordDecl();
    if (record == nullptr) return false;
    std::string name = record->getQualifiedNameAsString();
    return name == "std::basic_ostream" || name == "std::basic_istream" || name == "std::basic_iostream";
  }

  // A class whose objects C++ code can write to a std::ostream (an operator<<
  // taking the class or a base, found as `out << obj` finds it: by
  // argument-dependent lookup, and in the global namespace) gets a const
  // member returning the text it writes (Function::isStreamText): Python's
  // str() of the object. An operator<< reached only through a conversion of
  // the object (to int, to const char*) does not count: the conversion is
  // its own protocol.
  void describeStreamText(const CXXRecordDecl* record, int scope) {
    if (isStdString(context_.getRecordType(record))) return;
    SourceManager& sm = context_.getSourceManager();
    SourceLocation where = sm.getLocForEndOfFile(sm.getMainFileID());
    QualType stream = ostreamType(where);
    if (stream.isNull()) return;
    if (!shiftOperatorsLooked_) {
      shiftOperatorsLooked_ = true;
      LookupResult found(sema_, context_.DeclarationNames.getCXXOperatorName(OO_LessLess), where,
                         Sema::LookupOperatorName);
      sema_.LookupQualifiedName(found, context_.getTranslationUnitDecl());
      for (NamedDecl* decl : found) globalShiftOperators_.addDecl(decl);
    }
    SilencedDiagnostics silenced(sema_.getDiagnostics());
    DiagnosticErrorTrap trap(sema_.getDiagnostics());
    auto* out = new (context_) OpaqueValueExpr(where, stream, VK_LValue);
    auto* object = new (context_)
        OpaqueValueExpr(where, context_.getConstType(context_.getRecordType(record)), VK_LValue);
    ExprResult written = sema_.CreateOverloadedBinOp(where, BO_Shl, globalShiftOperators_, out, object);
    if (written.isInvalid() || trap.hasErrorOccurred()) return;
    const auto* call = dyn_cast<CallExpr>(written.get()->IgnoreImplicit());
    const FunctionDecl* callee = call ? call->getDirectCallee() : nullptr;
    if (callee == nullptr || isa<CXXMethodDecl>(callee) || callee->getNumParams() != 2) return;
    const CXXRecordDecl* operand =
        callee->getParamDecl(1)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    if (operand == nullptr) return;
    operand = operand->getCanonicalDecl();
    if (operand != record->getCanonicalDecl() && !record->isDerivedFrom(operand)) return;
    Function fn;
    fn.kind = FunctionKind::Method;
    fn.name = kStreamTextName;
    fn.qualifiedName = model_.scopes[scope].qualifiedName + "::" + fn.name;
    fn.isConst = fn.isStreamText = fn.hasInlineBody = true;
    fn.result = Type{"std::string", "std::string", TypeCategory::String, "", TypeCategory::Other, false, ""};
    addFunction(scope, std::move(fn), const_cast<FunctionDecl*>(callee), /*signature=*/false);
  }

  // std::ostream, if the headers define it (null otherwise).
  QualType ostreamType(SourceLocation where) {
    if (ostreamLooked_) return ostream_;
    ostreamLooked_ = true;
    NamespaceDecl* standard = sema_.getStdNamespace();
    if (standard == nullptr) return ostream_;
    LookupResult found(sema_, &context_.Idents.get("ostream"), where, Sema::LookupOrdinaryName);
    sema_.LookupQualifiedName(found, standard);
    const auto* alias = found.getAsSingle<TypedefNameDecl>();
    if (alias == nullptr) return ostream_;
    QualType type = context_.getTypedefType(alias);
    if (sema_.isCompleteType(where, type)) ostream_ = type;
    return ostream_;
  }

  // The first class type among spec's template arguments (followed into the
  // arguments of argument instantiations, not through pointers) that has no
  // definition at the end of the headers; "" if none.
  std::string incompleteArgument(const ClassTemplateSpecializationDecl* spec, SourceLocation where) {
    for (const TemplateArgument& arg : spec->getTemplateArgs().asArray()) {
      if (arg.getKind() != TemplateArgument::Type || isPolicyArgument(arg.getAsType())) continue;
      QualType type = arg.getAsType().getCanonicalType();
      const auto* record = type->getAsCXXRecordDecl();
      if (record == nullptr) continue;
      if (const auto* inner = dyn_cast<ClassTemplateSpecializationDecl>(record)) {
        std::string nested = incompleteArgument(inner, where);
        if (!nested.empty()) return nested;
        continue;
      }
      if (!sema_.isCompleteType(where, type)) return typeName(type);
    }
    return "";
  }

  // Clang's diagnostics unreported (and uncounted) while it lives.
  class SilencedDiagnostics {
   public:
    explicit SilencedDiagnostics(DiagnosticsEngine& diagnostics)
        : diagnostics_(diagnostics), wasSuppressed_(diagnostics.getSuppressAllDiagnostics()) {
      diagnostics_.setSuppressAllDiagnostics(true);
    }
    ~SilencedDiagnostics() { diagnostics_.setSuppressAllDiagnostics(wasSuppressed_); }
    SilencedDiagnostics(const SilencedDiagnostics&) = delete;
    SilencedDiagnostics& operator=(const SilencedDiagnostics&) = delete;

   private:
    DiagnosticsEngine& diagnostics_;
    bool wasSuppressed_;
  };

  // Can a stub pass an object of this class by value, a copy of an lvalue
  // (a public copy constructor that is not deleted; whether its body
  // compiles is checked with the rest, checkWhatTheDictionaryCompiles)?
  bool copyable(QualType type) {
    auto* record = type.getCanonicalType()->getAsCXXRecordDecl();
    if (record == nullptr || !record->hasDefinition()) return true;  // (callable() judged those)
    SilencedDiagnostics silenced(sema_.getDiagnostics());
    CXXConstructorDecl* copy = sema_.LookupCopyingConstructor(
        record->getDefinition(), type.isConstQualified() ? Qualifiers::Const : 0);
    return copy != nullptr && !copy->isDeleted() && copy->getAccess() == AS_public;
  }

  // --- does the code the dictionary writes compile? ----------------------
  // Clang parsed the headers, but it instantiates the body of a member of a
  // class template instantiation, or defines an implicit special member,
  // only where code uses it; the dictionary's stubs use each function they
  // call. So before the source is written Sema does what compiling it would
  // do (instantiates each such definition, recursively; completes the
  // classes a stub passes; copies the arguments passed by value; builds the
  // default arguments a shorter call leaves to C++), with its diagnostics
  // kept from the output, and what does not compile is left out
  // (Function::doesNotCompile and the like; main.cpp reports it).

  // Each function the model holds and the declaration its stub calls (for a
  // stub that writes an operator expression, the function clang chose for
  // it); signature: the stub passes the declaration's arguments and result.
  struct StubCall {
    int scope;
    size_t index;
    FunctionDecl* decl;
    bool signature;
  };
  // The declarations behind a dispatcher's constructors and slots, in order.
  struct DispatcherDecls {
    std::vector<FunctionDecl*> constructors, slots;
  };

  void addFunction(int scope, Function fn, const FunctionDecl* decl, bool signature = true) {
    model_.scopes[scope].functions.push_back(std::move(fn));
    stubCalls_.push_back(
        {scope, model_.scopes[scope].functions.size() - 1, const_cast<FunctionDecl*>(decl), signature});
  }

  static FunctionDecl* calleeOf(Expr* expression) {
    auto* call = expression ? dyn_cast<CallExpr>(expression->IgnoreImplicit()) : nullptr;
    return call ? call->getDirectCallee() : nullptr;
  }

  SourceLocation endOfInput() const {
    const SourceManager& sm = context_.getSourceManager();
    return sm.getLocForEndOfFile(sm.getMainFileID());
  }

  // The diagnostics of a check: the first error, as "message (file:line)",
  // and the functions whose definitions were being instantiated or
  // synthesized when an error came (a body clang instantiates once: a later
  // check must know that it failed). Counted nowhere, shown nowhere.
  class DiagnosticCollector : public DiagnosticConsumer {
   public:
    explicit DiagnosticCollector(const Sema& sema) : sema_(sema) {}
    bool IncludeInDiagnosticCounts() const override { return false; }
    void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic& info) override {
      DiagnosticConsumer::HandleDiagnostic(level, info);
      if (level < DiagnosticsEngine::Error) return;
      SmallString<256> text;
      info.FormatDiagnostic(text);
      std::string message = text.str().str();
      if (info.hasSourceManager() && info.getLocation().isValid()) {
        const SourceManager& sm = info.getSourceManager();
        SourceLocation at = sm.getExpansionLoc(info.getLocation());
        PresumedLoc presumed = sm.getPresumedLoc(at);
        if (presumed.isValid() && !sm.isWrittenInMainFile(at))  // (the main file is genreflex's own)
          message += " (" + std::filesystem::path(presumed.getFilename()).filename().string() + ":" +
                     std::to_string(presumed.getLine()) + ")";
      }
      if (first.empty()) first = message;
      for (const Sema::CodeSynthesisContext& context : sema_.CodeSynthesisContexts)
        if (context.Kind == Sema::CodeSynthesisContext::TemplateInstantiation ||
            context.Kind == Sema::CodeSynthesisContext::DefiningSynthesizedFunction)
          if (const auto* fn = dyn_cast_or_null<FunctionDecl>(context.Entity))
            failed.emplace(fn->getCanonicalDecl(), message);
    }
    std::string first;
    std::map<const FunctionDecl*, std::string> failed;

   private:
    const Sema& sema_;
  };

  // Clang's diagnostics go to a collector while it lives, and the engine is
  // left as it was: no error recorded (Sema would stop instantiating after
  // a fatal one), no warning counted (--fail_on_warnings).
  class DivertedDiagnostics {
   public:
    DivertedDiagnostics(DiagnosticsEngine& diagnostics, DiagnosticConsumer& collector)
        : diagnostics_(diagnostics),
          client_(diagnostics.getClient()),
          owned_(diagnostics.takeClient()),
          wasSuppressed_(diagnostics.getSuppressAllDiagnostics()),
          warnings_(diagnostics.getNumWarnings()),
          wasClean_(!diagnostics.hasErrorOccurred() && !diagnostics.hasUnrecoverableErrorOccurred()) {
      diagnostics_.setClient(&collector, /*ShouldOwnClient=*/false);
      diagnostics_.setSuppressAllDiagnostics(false);
    }
    ~DivertedDiagnostics() {
      if (owned_)
        diagnostics_.setClient(owned_.release(), /*ShouldOwnClient=*/true);
      else
        diagnostics_.setClient(client_, /*ShouldOwnClient=*/false);
      // (a soft reset keeps the warning options and pragmas)
      if (wasClean_ && (diagnostics_.hasErrorOccurred() || diagnostics_.hasUnrecoverableErrorOccurred()))
        diagnostics_.Reset(/*soft=*/true);
      diagnostics_.setNumWarnings(warnings_);
      diagnostics_.setSuppressAllDiagnostics(wasSuppressed_);
    }
    DivertedDiagnostics(const DivertedDiagnostics&) = delete;
    DivertedDiagnostics& operator=(const DivertedDiagnostics&) = delete;

   private:
    DiagnosticsEngine& diagnostics_;
    DiagnosticConsumer* client_;
    std::unique_ptr<DiagnosticConsumer> owned_;
    bool wasSuppressed_;
    unsigned warnings_;
    bool wasClean_;
  };

  // Runs check (which asks Sema to build or instantiate something) with the
  // diagnostics diverted and the instantiations it needs performed on the
  // spot; clang's first error if any, else "".
  template <class Check>
  std::string compileFailure(Check check) {
    DiagnosticCollector collector(sema_);
    bool failed = false;
    {
      DivertedDiagnostics diverted(sema_.getDiagnostics(), collector);
      DiagnosticErrorTrap trap(sema_.getDiagnostics());
      {
        // (apart from what earlier lookups queued and nothing performs)
        Sema::GlobalEagerInstantiationScope global(sema_, /*Enabled=*/true);
        Sema::LocalEagerInstantiationScope local(sema_);
        failed = !check();
        local.perform();
        global.perform();
      }
      failed = failed || trap.hasErrorOccurred();
    }
    for (const auto& [decl, message] : collector.failed) bodyFailures_.emplace(decl, message);
    if (!failed) return "";
    return collector.first.empty() ? std::string("it does not compile") : collector.first;
  }

  // The functions code refers to (called, constructed with, destroyed
  // through a temporary or a delete), and whether clang recovered there from
  // an error (an instantiation made under a silenced check).
  class ReferencedFunctions : public RecursiveASTVisitor<ReferencedFunctions> {
   public:
    std::vector<const FunctionDecl*> found;
    bool hasErrors = false;
    bool shouldVisitImplicitCode() const { return true; }
    bool VisitExpr(Expr* e) {
      hasErrors = hasErrors || e->containsErrors();
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr* e) {
      if (const auto* fn = dyn_cast<FunctionDecl>(e->getDecl())) found.push_back(fn);
      return true;
    }
    bool VisitMemberExpr(MemberExpr* e) {
      if (const auto* fn = dyn_cast<FunctionDecl>(e->getMemberDecl())) found.push_back(fn);
      return true;
    }
    bool VisitCXXConstructExpr(CXXConstructExpr* e) {
      found.push_back(e->getConstructor());
      return true;
    }
    bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr* e) {
      if (const CXXDestructorDecl* dtor = e->getTemporary()->getDestructor()) found.push_back(dtor);
      return true;
    }
    bool VisitCXXDeleteExpr(CXXDeleteExpr* e) {
      if (const CXXRecordDecl* record = e->getDestroyedType()->getAsCXXRecordDecl())
        if (record->hasDefinition())
          if (const CXXDestructorDecl* dtor = record->getDefinition()->getDestructor()) found.push_back(dtor);
      return true;
    }
    bool VisitCXXDefaultArgExpr(CXXDefaultArgExpr* e) { return TraverseStmt(e->getExpr()); }
    bool VisitCXXDefaultInitExpr(CXXDefaultInitExpr* e) { return TraverseStmt(e->getExpr()); }
  };

  // The failure that using fn reaches: its own, or one of a definition that
  // its definition uses, followed through the definitions clang
  // instantiated or synthesized (the headers' own code compiled with the
  // headers), and for a constructor of a class with virtual functions
  // through those. A body is instantiated once, so a check that uses one
  // another check instantiated sees no error of its own: it is found here.
  std::string failureReached(const FunctionDecl* fn) {
    if (fn == nullptr) return "";
    fn = fn->getCanonicalDecl();
    if (auto known = bodyFailures_.find(fn); known != bodyFailures_.end()) return known->second;
    if (auto known = reached_.find(fn); known != reached_.end()) return known->second;
    reached_[fn] = "";  // (a recursive use adds nothing)
    const FunctionDecl* definition = nullptr;
    if (fn->isInvalidDecl()) return reached_[fn] = "its declaration does not compile";
    if (!fn->hasBody(definition) || !(definition->isTemplateInstantiation() || definition->isDefaulted()))
      return "";
    ReferencedFunctions uses;
    uses.TraverseStmt(definition->getBody());
    if (const auto* ctor = dyn_cast<CXXConstructorDecl>(definition)) {
      for (const CXXCtorInitializer* init : ctor->inits()) uses.TraverseStmt(init->getInit());
      if (ctor->getParent()->isDynamicClass())
        for (const CXXMethodDecl* method : ctor->getParent()->methods())
          if (method->isVirtual()) uses.found.push_back(method);
    }
    if (uses.hasErrors || definition->isInvalidDecl())
      return reached_[fn] = "its definition does not compile for these template arguments";
    for (const FunctionDecl* used : uses.found)
      if (std::string failure = failureReached(used); !failure.empty()) return reached_[fn] = failure;
    return "";
  }

  // Does using fn (calling it, or taking its address) compile: its
  // definition, instantiated or synthesized here if not yet, and what that
  // instantiates in turn? For a constructor of a class with virtual
  // functions, also the class's virtual functions (its vtable).
  std::string useFailure(FunctionDecl* fn) {
    if (fn == nullptr) return "";
    const FunctionDecl* key = fn->getCanonicalDecl();
    if (checkedBodies_.insert(key).second && !bodyFailures_.count(key)) {
      SourceLocation where = endOfInput();
      std::string error = compileFailure([&] {
        if (fn->isImplicitlyInstantiable() && !fn->isDefined())
          sema_.InstantiateFunctionDefinition(where, fn, /*Recursive=*/true);
        else if (fn->isDefaulted() && !fn->isDeleted() && !fn->hasBody())
          sema_.MarkFunctionReferenced(where, fn);  // an implicit special member: defined now
        if (auto* ctor = dyn_cast<CXXConstructorDecl>(fn); ctor && ctor->getParent()->isDynamicClass())
          sema_.MarkVTableUsed(where, ctor->getParent());
        return !fn->isInvalidDecl();
      });
      if (!error.empty()) bodyFailures_.emplace(key, error);
    }
    return failureReached(fn);
  }

  // Does a stub's call of decl, described as fn, compile: decl itself, the
  // classes it passes and returns complete, each argument given by value a
  // copy of the caller's object (and destroyed), and the default arguments
  // of a shorter call?
  std::string callFailure(FunctionDecl* decl, const Function& fn) {
    if (decl == nullptr) return "";
    if (std::string error = useFailure(decl); !error.empty()) return error;
    SourceLocation where = endOfInput();
    std::vector<Expr*> built;  // what the stub's call does besides calling decl
    std::vector<FunctionDecl*> destructors;
    std::string error = compileFailure([&] {
      auto complete = [&](QualType type) {
        type = type.getNonReferenceType();
        return !type->isRecordType() || !sema_.RequireCompleteType(where, type, diag::err_incomplete_type);
      };
      bool ok = isa<CXXConstructorDecl>(decl) || isa<CXXDestructorDecl>(decl) || complete(decl->getReturnType());
      for (unsigned i = 0; ok && i < decl->getNumParams(); ++i) ok = complete(decl->getParamDecl(i)->getType());
      for (size_t i = 0; ok && i < fn.arguments.size() && i < decl->getNumParams(); ++i) {
        ParmVarDecl* param = decl->getParamDecl(static_cast<unsigned>(i));
        QualType type = param->getType();
        auto* record = type->getAsCXXRecordDecl();
        if (type->isReferenceType() || record == nullptr) continue;
        auto* object = new (context_) OpaqueValueExpr(where, type, VK_LValue);
        ExprResult copy = sema_.PerformCopyInitialization(InitializedEntity::InitializeParameter(context_, param),
                                                          where, object);
        ok = !copy.isInvalid();
        if (ok) built.push_back(copy.get());
        if (ok && record->hasDefinition()) destructors.push_back(sema_.LookupDestructor(record->getDefinition()));
      }
      for (unsigned i = fn.requiredArguments; ok && i < decl->getNumParams(); ++i) {
        if (!decl->getParamDecl(i)->hasDefaultArg()) continue;
        ExprResult value = sema_.BuildCXXDefaultArgExpr(where, decl, decl->getParamDecl(i));
        ok = !value.isInvalid();
        if (ok) built.push_back(value.get());
      }
      return ok;
    });
    if (!error.empty()) return error;
    for (FunctionDecl* dtor : destructors)
      if (std::string failure = useFailure(dtor); !failure.empty()) return failure;
    ReferencedFunctions uses;
    for (Expr* expression : built) uses.TraverseStmt(expression);
    if (uses.hasErrors) return "an argument does not compile";
    for (const FunctionDecl* used : uses.found)
      if (std::string failure = useFailure(const_cast<FunctionDecl*>(used)); !failure.empty()) return failure;
    return "";
  }

  // After the model is built: mark what does not compile (main.cpp leaves it
  // out and says so); a dispatcher's constructor or slot that does not is
  // dropped here, with a note under -v, as those that cannot be described.
  void checkWhatTheDictionaryCompiles() {
    for (const StubCall& call : stubCalls_) {
      Function& fn = model_.scopes[call.scope].functions[call.index];
      fn.doesNotCompile = call.signature ? callFailure(call.decl, fn) : useFailure(call.decl);
    }
    for (const auto& [index, record] : scopeRecords_) {
      Scope& scope = model_.scopes[index];
      CXXDestructorDecl* dtor = nullptr;
      CXXConstructorDecl* mover = nullptr;
      CXXConstructorDecl* copy = nullptr;
      {
        SilencedDiagnostics silenced(sema_.getDiagnostics());
        dtor = sema_.LookupDestructor(record);
        if (!scope.isAbstract) mover = sema_.LookupMovingConstructor(record, 0);
        if (scope.exceptionCopyable) copy = sema_.LookupCopyingConstructor(record, Qualifiers::Const);
      }
      if (scope.hasPublicDestructor) scope.destructorDoesNotCompile = useFailure(dtor);
      // (DlObjectOps moves with what std::is_move_constructible finds usable)
      if (mover != nullptr && !mover->isDeleted() && mover->getAccess() == AS_public)
        scope.objectOpsDoNotCompile = useFailure(mover);
      scope.exceptionCopyDoesNotCompile = useFailure(copy);
    }
    for (auto& [index, decls] : dispatcherDecls_) {
      Scope& scope = model_.scopes[index];
      Dispatcher& dispatcher = scope.dispatcher;
      if (!scope.hasDispatcher) continue;
      for (size_t i = dispatcher.constructors.size(); i-- > 0;) {
        std::string error = callFailure(decls.constructors[i], dispatcher.constructors[i]);
        if (error.empty()) continue;
        note("the dispatcher of " + scope.qualifiedName + " leaves out " + label(decls.constructors[i]) +
             ": it does not compile: " + error);
        dispatcher.constructors.erase(dispatcher.constructors.begin() + static_cast<std::ptrdiff_t>(i));
      }
      std::string why = dispatcher.constructors.empty() ? "none of its constructors compiles" : "";
      for (size_t k = dispatcher.slots.size(); why.empty() && k-- > 0;) {
        std::string error = useFailure(decls.slots[k]);
        if (error.empty()) continue;
        if (dispatcher.slots[k].isPure) {
          why = "its pure virtual " + label(decls.slots[k]) + " does not compile: " + error;
          continue;
        }
        note("the dispatcher of " + scope.qualifiedName + " does not override " + label(decls.slots[k]) +
             ": it does not compile: " + error);
        dispatcher.slots.erase(dispatcher.slots.begin() + static_cast<std::ptrdiff_t>(k));
      }
      if (why.empty()) continue;
      note("no dispatcher for " + scope.qualifiedName +
           " (Python subclasses cannot override its virtual functions): " + why);
      scope.hasDispatcher = false;
      scope.dispatcher = Dispatcher{};
    }
  }

  // Can the members of an instantiation use this type? Builtins, std::string
  // and the classes the dictionary describes (or a pointer or reference to
  // one of those) can; iterators, allocators and the like are not described.
  bool expressibleInInstantiation(QualType qual, std::string& unknown) const {
    QualType core = qual.getCanonicalType().getNonReferenceType();
    while (core->isPointerType()) core = core->getPointeeType().getCanonicalType();
    const CXXRecordDecl* record = core->getAsCXXRecordDecl();
    if (record == nullptr || isStdString(core)) return true;  // describeFunction checked the rest
    std::string name = typeName(core.getUnqualifiedType());
    if (scopeIndex_.count(name) || instantiationNames_.count(name)) return true;
    unknown = name;
    return false;
  }

  // What to do about a class the dictionary does not describe: an
  // instantiation can be asked for; a class only declared in the headers
  // needs the header that defines it; another class, selecting.
  std::string howToAdd(QualType qual) const {
    QualType core = qual.getCanonicalType().getNonReferenceType();
    while (core->isPointerType()) core = core->getPointeeType().getCanonicalType();
    const CXXRecordDecl* record = core->getAsCXXRecordDecl();
    if (record != nullptr && isa<ClassTemplateSpecializationDecl>(record)) return "add it with --instantiate";
    if (record != nullptr && !record->hasDefinition())
      return "it is declared but not defined in these headers: name the header that defines it";
    return "select it too";
  }

  // Leaves out a member of an instantiation whose signature names a class the
  // dictionary does not describe; a constructor keeps its leading arguments
  // when only defaulted ones (an allocator) are the problem.
  bool keepInstantiationMember(const FunctionDecl* fn, Function& out) {
    std::string unknown;
    if (out.kind != FunctionKind::Constructor && out.kind != FunctionKind::Destructor &&
        !expressibleInInstantiation(fn->getReturnType(), unknown)) {
      skip(fn, "its result type '" + unknown + "' is not in the dictionary (" + howToAdd(fn->getReturnType()) + ")");
      return false;
    }
    for (size_t i = 0; i < out.arguments.size(); ++i) {
      if (expressibleInInstantiation(fn->getParamDecl(i)->getType(), unknown)) continue;
      if (out.kind == FunctionKind::Constructor && i >= out.requiredArguments && i > 0) {
        out.arguments.resize(i);  // `new T(leading...)`: the defaults fill in the rest
        return true;
      }
      skip(fn, "argument type '" + unknown + "' is not in the dictionary (" +
                   howToAdd(fn->getParamDecl(i)->getType()) + ")");
      return false;
    }
    return true;
  }

  // --- scopes ----------------------------------------------------------
  int namespaceScope(const NamespaceDecl* ns, int parent) {
    std::string qualified = ns->getQualifiedNameAsString();
    auto it = scopeIndex_.find(qualified);
    if (it != scopeIndex_.end()) return it->second;
    Scope scope;
    scope.name = ns->getNameAsString();
    scope.qualifiedName = qualified;
    scope.kind = ScopeKind::Namespace;
    scope.parent = parent;
    model_.scopes.push_back(std::move(scope));
    int index = static_cast<int>(model_.scopes.size()) - 1;
    scopeIndex_[qualified] = index;
    return index;
  }

  // Namespaces are created on demand: a namespace only enters the model if
  // something selected is declared in it (std is reopened by many headers).
  int ensureScope(const DeclContext* dc) {
    if (isa<TranslationUnitDecl>(dc)) return 0;
    if (const auto* linkage = dyn_cast<LinkageSpecDecl>(dc)) return ensureScope(linkage->getDeclContext());
    if (const auto* ns = dyn_cast<NamespaceDecl>(dc))
      return namespaceScope(ns, ensureScope(ns->getDeclContext()));
    if (const auto* record = dyn_cast<CXXRecordDecl>(dc)) {
      auto it = scopeIndex_.find(record->getQualifiedNameAsString());
      if (it != scopeIndex_.end()) return it->second;
    }
    return -1;
  }

  // --- walking ---------------------------------------------------------
  void visitContext(const DeclContext* dc, int scope, bool parentSelected) {
    for (Decl* decl : dc->decls()) {
      if (auto* ns = dyn_cast<NamespaceDecl>(decl)) {
        if (ns->isAnonymousNamespace()) continue;
        if (selection_ && selection_->selectsNamespace(ns->getQualifiedNameAsString(), patternsReach(ns)))
          ensureScope(ns);  // <namespace name="ns"/>: the namespace itself
        visitContext(ns, -1, false);
        continue;
      }
      if (auto* linkage = dyn_cast<LinkageSpecDecl>(decl)) {
        visitContext(linkage, scope, parentSelected);
        continue;
      }
      if (auto* tmpl = dyn_cast<ClassTemplateDecl>(decl); tmpl && selection_) {
        selectSpecializations(tmpl);
        continue;
      }
      if (!isSelected(decl, parentSelected)) continue;
      if (auto* record = dyn_cast<CXXRecordDecl>(decl)) {
        visitRecord(record);
      } else if (auto* en = dyn_cast<EnumDecl>(decl)) {
        visitEnum(en);
      } else if (auto* td = dyn_cast<TypedefNameDecl>(decl)) {
        visitTypedef(td);
      } else if (isa<CXXMethodDecl>(decl)) {
        // members are handled by visitRecord
      } else if (auto* fn = dyn_cast<FunctionDecl>(decl)) {
        visitFreeFunction(fn);
      } else if (auto* var = dyn_cast<VarDecl>(decl)) {
        visitVariable(var);
      } else if (auto* tmpl = dyn_cast<FunctionTemplateDecl>(decl)) {
        noteFunctionTemplate(tmpl);
      }
    }
  }

  void visitRecord(CXXRecordDecl* record) {
    if (!record->isThisDeclarationADefinition() || record->isInvalidDecl()) return;
    if (record->getDescribedClassTemplate() || isa<ClassTemplatePartialSpecializationDecl>(record)) return;
    if (auto* spec = dyn_cast<ClassTemplateSpecializationDecl>(record)) {
      noteInstantiation(spec);  // an explicit specialization in the headers
      return;
    }
    if (record->isLambda() || record->getIdentifier() == nullptr) return;
    if (record->isDependentContext()) return;
    const DeclContext* parentDc = record->getDeclContext();
    if (isa<CXXRecordDecl>(parentDc) && record->getAccess() != AS_public) return;
    int parent = ensureScope(parentDc);
    if (parent < 0) return;
    std::string qualified = record->getQualifiedNameAsString();
    if (scopeIndex_.count(qualified)) return;
    describeRecord(record, record->getNameAsString(), qualified, parent);
  }

  void describeRecord(CXXRecordDecl* record, std::string name, const std::string& qualified, int parent) {
    sema_.ForceDeclarationOfImplicitMembers(record);

    Scope scope;
    scope.name = std::move(name);
    scope.qualifiedName = qualified;
    scope.kind = record->isUnion()    ? ScopeKind::Union
                 : record->isStruct() ? ScopeKind::Struct
                                      : ScopeKind::Class;
    scope.parent = parent;
    scope.isAbstract = record->isAbstract();
    scope.isPolymorphic = record->isPolymorphic();
    scope.isAggregate = record->isAggregate();
    scope.hasComplexHierarchy = hasComplexHierarchy(record);
    scope.destructorHasNoEffect = destructorHasNoEffect(record, 0);
    if (const CXXDestructorDecl* dtor = record->getDestructor()) {
      scope.hasVirtualDestructor = dtor->isVirtual();
      scope.hasPublicDestructor = dtor->getAccess() == AS_public && !dtor->isDeleted();
    }
    scope.isExceptionClass = isExceptionClass(record);
    scope.exceptionCopyable = scope.isExceptionClass && copyableException(record, scope);
    for (const CXXBaseSpecifier& base : record->bases()) {
      if (base.getAccessSpecifier() != AS_public) continue;
      const CXXRecordDecl* baseDecl = base.getType()->getAsCXXRecordDecl();
      if (!baseDecl) continue;
      if (std::string why = unreachableReason(base.getType().getCanonicalType()); !why.empty()) {
        skip("base class '" + typeName(base.getType()) + "' of " + qualified,
             "it cannot be named outside the class: " + why);
        continue;
      }
      if (selection_) selectNeededRecord(base.getType());
      Base b;
      b.qualifiedName = typeName(base.getType().getUnqualifiedType());
      noteInstantiations(base.getType());
      b.isVirtual = base.isVirtual();
      if (!b.isVirtual)
        b.offset = context_.getASTRecordLayout(record).getBaseClassOffset(baseDecl).getQuantity();
      scope.bases.push_back(b);
    }
    model_.scopes.push_back(std::move(scope));
    int index = static_cast<int>(model_.scopes.size()) - 1;
    scopeIndex_[qualified] = index;
    scopeRecords_[index] = record;
    if (!inInstantiation_) describedClassTypes_.push_back(context_.getRecordType(record));
    describeDispatcher(record, index);

    for (Decl* member : record->decls()) {
      if (auto* method = dyn_cast<CXXMethodDecl>(member)) {
        if (companionNeeds(method)) visitMethod(method, index);
      } else if (auto* field = dyn_cast<FieldDecl>(member)) {
        if (companionNeeds(field)) visitField(field, index);
      } else if (auto* tmpl = dyn_cast<FunctionTemplateDecl>(member)) {
        if (describing_ == Companion::None) describeDefaultedConstructor(tmpl, index);
      }
    }
    if (!inInstantiation_) {
      describeHiddenFriendOperators(record);
      describeStreamText(record, index);
    }
    // static data, nested classes, enums and typedefs live in this class's
    // scope (not yet for instantiations: their typedefs are written resolved)
    if (!inInstantiation_)
      visitContext(record, index, /*parentSelected=*/true);
    else
      describeInstantiationTypedefs(record, index);
  }

  // A constructor template whose template parameters all have defaults, and
  // whose parameters do not depend on them, is described as the
  // specialization the defaults give, if they give one: libstdc++'s
  // std::pair() and pair(const T1&, const T2&) are such templates, each in
  // two versions of which enable_if keeps one (implicit or explicit).
  void describeDefaultedConstructor(FunctionTemplateDecl* tmpl, int scope) {
    auto* pattern = dyn_cast<CXXConstructorDecl>(tmpl->getTemplatedDecl());
    if (pattern == nullptr || tmpl->getAccess() != AS_public || tmpl->isInvalidDecl()) return;
    for (const NamedDecl* param : *tmpl->getTemplateParameters()) {
      if (param->isTemplateParameterPack()) return;
      bool hasDefault = false;
      if (const auto* type = dyn_cast<TemplateTypeParmDecl>(param))
        hasDefault = type->hasDefaultArgument();
      else if (const auto* value = dyn_cast<NonTypeTemplateParmDecl>(param))
        hasDefault = value->hasDefaultArgument();
      if (!hasDefault) return;
    }
    SourceManager& sm = context_.getSourceManager();
    SourceLocation where = sm.getLocForEndOfFile(sm.getMainFileID());
    std::vector<Expr*> args;
    for (const ParmVarDecl* param : pattern->parameters()) {
      QualType type = param->getType();
      if (type->isDependentType()) return;
      args.push_back(new (context_) OpaqueValueExpr(where, type.getNonReferenceType(), VK_LValue));
    }
    SilencedDiagnostics silenced(sema_.getDiagnostics());
    DiagnosticErrorTrap trap(sema_.getDiagnostics());
    sema::TemplateDeductionInfo info(where);
    FunctionDecl* spec = nullptr;
    auto result = sema_.DeduceTemplateArguments(tmpl, nullptr, args, spec, info, /*PartialOverloading=*/false,
                                                [](ArrayRef<QualType>) { return false; });
    if (result != Sema::TDK_Success || spec == nullptr) return;  // enable_if left this version out
    if (!spec->isDefined()) sema_.InstantiateFunctionDefinition(where, spec, /*Recursive=*/true);
    if (trap.hasErrorOccurred() || spec->isInvalidDecl()) {
      skip(spec, "its template's default arguments give a constructor that does not compile");
      return;
    }
    if (auto* ctor = dyn_cast<CXXConstructorDecl>(spec)) visitMethod(ctor, scope);
  }

  // The member typedefs clients ask an instantiation for: PyPy's iteration of
  // a std::vector resolves "std::vector<double>::value_type" (and ends the
  // process if it cannot). Named from the instantiation's one name.
  void describeInstantiationTypedefs(const CXXRecordDecl* record, int scope) {
    if (describing_ != Companion::None) return;  // Python asks them for nothing by name
    for (const Decl* member : record->decls()) {
      const auto* td = dyn_cast<TypedefNameDecl>(member);
      if (td == nullptr || td->getAccess() != AS_public) continue;
      StringRef name = td->getName();
      bool iterator = name == "iterator" || name == "const_iterator";  // PyPy's test of iterability
      if (!iterator && name != "value_type" && name != "size_type" && name != "key_type" &&
          name != "mapped_type")
        continue;
      std::string unreachable;
      Typedef out = describeTypedef(td, unreachable);
      if (!unreachable.empty() || out.target.category == TypeCategory::Other) continue;
      if (iterator && !scopeIndex_.count(out.target.name) && !instantiationNames_.count(out.target.name))
        continue;  // a class the dictionary does not describe (std::vector<bool>'s)
      out.name = name.str();
      out.qualifiedName = model_.scopes[scope].qualifiedName + "::" + out.name;
      model_.scopes[scope].typedefs.push_back(std::move(out));
    }
  }

  // Clients adjust `this` for base-class members only in complex hierarchies,
  // so any base at a non-zero offset makes a hierarchy complex.
  bool hasComplexHierarchy(const CXXRecordDecl* record) const {
    if (record->getNumVBases() > 0 || record->getNumBases() > 1) return true;
    for (const CXXBaseSpecifier& base : record->bases()) {
      const CXXRecordDecl* b = base.getType()->getAsCXXRecordDecl();
      if (!b) continue;
      if (!context_.getASTRecordLayout(record).getBaseClassOffset(b).isZero()) return true;
      if (hasComplexHierarchy(b)) return true;
    }
    return false;
  }

  // May a client skip destroying an object (Python dropping a value it keeps
  // inline)? Only if no destructor on the way does anything: each is
  // trivial, or implicit, or an empty inline body (virtual or not), for the
  // class, its bases and its members (arrays of them). One only declared here
  // (defined in a library), with statements, or not yet instantiated may do
  // anything. Builtins, pointers, references and enums have no destructor.
  static constexpr int kMaxDestructorDepth = 32;

  bool destructorHasNoEffect(const CXXRecordDecl* record, int depth) const {
    record = record ? record->getDefinition() : nullptr;
    if (record == nullptr || depth > kMaxDestructorDepth) return false;
    if (record->hasTrivialDestructor()) return true;
    if (const CXXDestructorDecl* dtor = record->getDestructor()) {
      if (dtor->isDeleted()) return false;
      if (dtor->isUserProvided()) {
        const FunctionDecl* definition = nullptr;
        const auto* body = dyn_cast_or_null<CompoundStmt>(dtor->getBody(definition));
        if (body == nullptr || !body->body_empty() || !definition->isInlined()) return false;
      }
    }
    for (const CXXBaseSpecifier& base : record->bases())
      if (!destructorHasNoEffect(base.getType()->getAsCXXRecordDecl(), depth + 1)) return false;
    for (const FieldDecl* field : record->fields()) {
      QualType type = context_.getBaseElementType(field->getType());
      if (const CXXRecordDecl* member = type->getAsCXXRecordDecl())
        if (!destructorHasNoEffect(member, depth + 1)) return false;
    }
    return true;
  }

  // --- can a call throw? ------------------------------------------------
  // The fast path has no way to report a C++ exception, so a function gets one
  // only if it cannot throw: it is noexcept, or its body is visible and every
  // call in it (followed into visible bodies, a few levels deep) cannot throw.
  // Conservative: what cannot be seen may throw.
  static constexpr int kMaxThrowDepth = 6;

  // Implicit members have their exception spec computed on demand.
  bool isNothrowType(const FunctionDecl* fn) const {
    const auto* proto = fn->getType()->getAs<FunctionProtoType>();
    if (proto && isUnresolvedExceptionSpec(proto->getExceptionSpecType()))
      proto = sema_.ResolveExceptionSpec(fn->getLocation(), proto);
    return proto && !isUnresolvedExceptionSpec(proto->getExceptionSpecType()) && proto->isNothrow();
  }

  bool cannotThrow(const FunctionDecl* fn, int depth) {
    if (fn == nullptr) return false;
    if (isNothrowType(fn)) return true;
    if (const auto* method = dyn_cast<CXXMethodDecl>(fn); method && method->isVirtual()) return false;
    if (const auto* ctor = dyn_cast<CXXConstructorDecl>(fn); ctor && ctor->isTrivial()) return true;
    auto known = throwVerdicts_.find(fn);
    if (known != throwVerdicts_.end()) return known->second;
    const FunctionDecl* definition = nullptr;
    const Stmt* body = fn->getBody(definition);
    if (body == nullptr || depth > kMaxThrowDepth) return false;
    throwVerdicts_[fn] = true;  // a recursive call adds no throw of its own
    bool verdict = stmtCannotThrow(body, depth);
    if (const auto* ctor = dyn_cast<CXXConstructorDecl>(definition))  // member and base initialisers
      for (const CXXCtorInitializer* init : ctor->inits())
        verdict = verdict && stmtCannotThrow(init->getInit(), depth);
    throwVerdicts_[fn] = verdict;
    return verdict;
  }

  bool stmtCannotThrow(const Stmt* stmt, int depth) {
    if (stmt == nullptr) return true;
    if (isa<CXXThrowExpr>(stmt)) return false;
    if (const auto* call = dyn_cast<CallExpr>(stmt)) {
      const FunctionDecl* callee = call->getDirectCallee();
      if (callee == nullptr) return sema_.canThrow(call) == CT_Cannot;  // through a pointer
      if (!cannotThrow(callee, depth + 1)) return false;
    } else if (const auto* construct = dyn_cast<CXXConstructExpr>(stmt)) {
      if (!cannotThrow(construct->getConstructor(), depth + 1)) return false;
    } else if (const auto* allocation = dyn_cast<CXXNewExpr>(stmt)) {
      if (!cannotThrow(allocation->getOperatorNew(), depth + 1)) return false;
    } else if (const auto* cast = dyn_cast<CXXDynamicCastExpr>(stmt)) {
      if (cast->getType()->isReferenceType()) return false;  // throws std::bad_cast
    } else if (isa<CXXTypeidExpr>(stmt)) {
      return false;  // may throw std::bad_typeid
    } else if (const auto* defaultArg = dyn_cast<CXXDefaultArgExpr>(stmt)) {
      return stmtCannotThrow(defaultArg->getExpr(), depth);
    } else if (const auto* defaultInit = dyn_cast<CXXDefaultInitExpr>(stmt)) {
      return stmtCannotThrow(defaultInit->getExpr(), depth);
    } else if (isa<LambdaExpr>(stmt)) {
      return true;  // making a closure runs no code of its body
    }
    for (const Stmt* child : stmt->children())
      if (!stmtCannotThrow(child, depth)) return false;
    return true;
  }

  // Is the body in the headers (so the dictionary compiles its own copy)?
  static bool hasInlineBody(const FunctionDecl* fn) {
    if (fn->hasBody() || fn->isConstexpr() || fn->isDefaulted()) return true;
    for (const FunctionDecl* redecl : fn->redecls())
      if (redecl->isInlined() || redecl->isInlineSpecified()) return true;
    return false;
  }

  // The fast path's direct addresses name the function by its symbol.
  void recordSymbol(const FunctionDecl* fn, Function& out) {
    out.hasInlineBody = hasInlineBody(fn);
    if (isa<CXXConstructorDecl>(fn) || isa<CXXDestructorDecl>(fn)) return;  // several symbols each
    out.mangledName = mangler_.getName(fn);
  }

  // why: where to say why fn cannot be described, instead of skipping it
  // (a dispatcher's slot or constructor is no declaration left out).
  bool describeFunction(const FunctionDecl* fn, Function& out, std::string* why = nullptr) {
    auto fail = [&](const std::string& reason) {
      if (why != nullptr)
        *why = reason;
      else
        skip(fn, reason);
      return false;
    };
    out.name = fn->getNameAsString();
    out.qualifiedName = fn->getQualifiedNameAsString();
    out.isOperator = fn->isOverloadedOperator() || isa<CXXConversionDecl>(fn);
    // A conversion is named by its type as the dictionary spells it, which
    // generated code can write: "operator std::string", not clang's
    // "operator basic_string".
    if (const auto* conversion = dyn_cast<CXXConversionDecl>(fn)) {
      out.name = "operator " + typeName(conversion->getConversionType());
      out.qualifiedName = typeName(context_.getRecordType(conversion->getParent())) + "::" + out.name;
    }
    if (const auto* proto = fn->getType()->getAs<FunctionProtoType>(); proto && proto->isVariadic())
      return fail("variadic functions are not supported");
    out.isNoexcept = isNothrowType(fn);
    out.cannotThrow = cannotThrow(fn, 0);
    recordSymbol(fn, out);
    std::string unreachable;
    out.result = describeType(fn->getReturnType(), unreachable);
    if (!unreachable.empty())
      return fail("its result type '" + out.result.name +
                  "' cannot be named outside the class: " + unreachable);
    // A by-value result is copied into a new object: `new T(...)` needs T without its const.
    if (out.result.category == TypeCategory::Class || out.result.category == TypeCategory::String)
      out.result.canonical = typeName(fn->getReturnType().getCanonicalType().getUnqualifiedType());
    if (!isa<CXXConstructorDecl>(fn) && !isa<CXXDestructorDecl>(fn) && !callable(out.result, true)) {
      std::string obstacle = stubObstacle(fn->getReturnType());
      return fail("result type '" + out.result.name + "' cannot be passed through a stub" +
                  (obstacle.empty() ? "" : ": " + obstacle));
    }
    bool seenDefault = false;
    unsigned required = 0;
    for (const ParmVarDecl* param : fn->parameters()) {
      Argument arg;
      arg.name = param->getNameAsString();
      arg.type = describeType(param->getType(), unreachable);
      if (!unreachable.empty())
        return fail("argument type '" + arg.type.name +
                    "' cannot be named outside the class: " + unreachable);
      if (!callable(arg.type, false)) {
        std::string obstacle = stubObstacle(param->getType());
        return fail("argument type '" + arg.type.name + "' cannot be passed through a stub" +
                    (obstacle.empty() ? "" : ": " + obstacle));
      }
      if (arg.type.category == TypeCategory::Class && !copyable(param->getType()))
        return fail("argument type '" + arg.type.name +
                    "' cannot be passed through a stub: it cannot be copied (a stub passes a copy of the "
                    "caller's object)");
      // (an instantiation's defaults stay uninstantiated until a call uses them)
      if (param->hasDefaultArg() && !param->hasUnparsedDefaultArg() &&
          (!param->hasUninstantiatedDefaultArg() || inInstantiation_)) {
        seenDefault = true;
        SourceRange range = param->getDefaultArgRange();
        arg.defaultValue = Lexer::getSourceText(CharSourceRange::getTokenRange(range),
                                                context_.getSourceManager(), context_.getLangOpts())
                               .str();
        if (arg.defaultValue.empty()) arg.defaultValue = "?";
      }
      if (!seenDefault) ++required;
      out.arguments.push_back(std::move(arg));
    }
    out.requiredArguments = required;
    return true;
  }

  // templateArguments: for a function template specialization, its arguments
  // as the dictionary names them ("double", "fastjet::PseudoJet,4").
  void visitMethod(CXXMethodDecl* method, int scope, const std::string& templateArguments = "") {
    // protected members only where a Python subclass can reach them
    bool isProtected = method->getAccess() == AS_protected && model_.scopes[scope].hasDispatcher;
    if ((method->getAccess() != AS_public && !isProtected) || method->isDeleted()) return;
    if (isProtected) {
      describeProtectedMethod(method, scope);
      return;
    }
    if (method->getDescribedFunctionTemplate() || method->isTemplated()) {
      skip(method, "member templates are not yet supported");
      return;
    }
    if (inInstantiation_ && method->isDeprecated()) {  // its stub would only warn
      skip(method, "it is deprecated");
      return;
    }
    if (method->getRefQualifier() != RQ_None || method->getMethodQualifiers().hasVolatile()) {
      skip(method, "ref- and volatile-qualified methods are not supported");
      return;
    }
    Scope& owner = model_.scopes[scope];
    Function fn;
    if (auto* ctor = dyn_cast<CXXConstructorDecl>(method)) {
      if (owner.isAbstract) return;
      if (ctor->isMoveConstructor()) return;  // rvalues cannot come from Python
      fn.kind = FunctionKind::Constructor;
      if (!describeFunction(method, fn)) return;
      fn.name = owner.name;
      fn.result = Type{owner.qualifiedName, owner.qualifiedName, TypeCategory::Class, "", {}, false, ""};
      if (fn.arguments.empty() || fn.requiredArguments == 0) owner.isDefaultConstructible = true;
    } else if (isa<CXXDestructorDecl>(method)) {
      fn.kind = FunctionKind::Destructor;
      if (!describeFunction(method, fn)) return;
      fn.name = "~" + owner.name;
      fn.result = Type{"void", "void", TypeCategory::Void, "", {}, false, ""};
    } else {
      if (method->isImplicit()) return;  // implicit assignment operators
      fn.kind = method->isStatic() ? FunctionKind::Static : FunctionKind::Method;
      if (!describeFunction(method, fn)) return;
      fn.isConst = method->isConst();
      fn.isVirtual = method->isVirtual();
      fn.isPure = method->isPure();
    }
    if (!templateArguments.empty()) markTemplateInstance(fn, owner.qualifiedName, templateArguments);
    if (inInstantiation_) {
      if (!keepInstantiationMember(method, fn)) return;
      fn.qualifiedName = model_.scopes[scope].qualifiedName + "::" + fn.name;
      fn.hasInlineBody = true;  // the dictionary instantiates what it calls
    }
    addFunction(scope, std::move(fn), method);
  }

  // A protected member function of a class with a dispatcher: what Python
  // subclasses reach. Its stub reaches it through a class derived for the
  // purpose (emit.cpp), always with all its arguments.
  void describeProtectedMethod(CXXMethodDecl* method, int scope) {
    if (isa<CXXConstructorDecl>(method) || isa<CXXDestructorDecl>(method) || method->isImplicit())
      return;  // constructors are the dispatcher's
    if (method->getDescribedFunctionTemplate() || method->isTemplated() || isa<CXXConversionDecl>(method) ||
        method->getRefQualifier() != RQ_None || method->getMethodQualifiers().hasVolatile())
      return;
    Function fn;
    fn.kind = method->isStatic() ? FunctionKind::Static : FunctionKind::Method;
    std::string why;
    if (!describeFunction(method, fn, &why)) {
      note("protected " + label(method) + " is not described: " + why);
      return;
    }
    fn.isConst = method->isConst();
    fn.isVirtual = method->isVirtual();
    fn.isPure = method->isPure();
    fn.isProtected = true;
    fn.requiredArguments = static_cast<unsigned>(fn.arguments.size());
    fn.qualifiedName = model_.scopes[scope].qualifiedName + "::" + fn.name;
    if (inInstantiation_) fn.hasInlineBody = true;
    addFunction(scope, std::move(fn), method);
  }

  // --- dispatchers: Python subclasses overriding virtual functions ----------
  // A class with virtual functions gets a dispatcher (model.h) when a class
  // can be derived from it: not final, an accessible destructor and
  // constructor, and virtual functions whose types can be named. Its slots
  // are the final overriders of the class's virtual functions, one per
  // signature; a virtual function the dispatcher cannot override (final,
  // private, ref-qualified, a conversion, a type no stub passes) is left to
  // C++ unless it is pure, which leaves the class without a dispatcher.
  void describeDispatcher(CXXRecordDecl* record, int scope) {
    if (!record->isPolymorphic() || describing_ != Companion::None || record->isInStdNamespace() ||
        record->isUnion())
      return;
    Dispatcher out;
    DispatcherDecls decls;
    std::string why = dispatcherObstacle(record, out, decls);
    if (!why.empty()) {
      note("no dispatcher for " + model_.scopes[scope].qualifiedName +
           " (Python subclasses cannot override its virtual functions): " + why);
      return;
    }
    model_.scopes[scope].hasDispatcher = true;
    model_.scopes[scope].dispatcher = std::move(out);
    dispatcherDecls_[scope] = std::move(decls);
  }

  // Why record can have no dispatcher, or "" with out filled.
  std::string dispatcherObstacle(CXXRecordDecl* record, Dispatcher& out, DispatcherDecls& decls) {
    if (record->isEffectivelyFinal()) return "it is final";
    const CXXDestructorDecl* dtor = record->getDestructor();
    if (dtor == nullptr || dtor->isDeleted() || dtor->getAccess() == AS_private)
      return "its destructor is private or deleted";
    std::string qualified = typeName(context_.getRecordType(record));
    for (CXXConstructorDecl* ctor : record->ctors()) {
      if (ctor->isDeleted() || ctor->getAccess() == AS_private || ctor->isMoveConstructor() ||
          ctor->isTemplated() || ctor->isDeprecated())
        continue;
      Function fn;
      fn.kind = FunctionKind::Constructor;
      std::string why;
      if (!describeFunction(ctor, fn, &why)) continue;
      fn.name = record->getNameAsString();
      fn.qualifiedName = qualified;
      fn.isProtected = ctor->getAccess() == AS_protected;
      fn.result = Type{qualified, qualified, TypeCategory::Class, "", {}, false, ""};
      out.constructors.push_back(std::move(fn));
      decls.constructors.push_back(ctor);
    }
    if (out.constructors.empty()) return "it has no public or protected constructor that a stub can call";
    CXXFinalOverriderMap overriders;
    record->getFinalOverriders(overriders);
    std::set<std::string> signatures;
    for (auto& [original, bySubobject] : overriders) {
      for (auto& [subobject, methods] : bySubobject) {
        if (methods.empty()) continue;
        const CXXMethodDecl* method = methods.front().Method;
        if (isa<CXXDestructorDecl>(method)) continue;
        std::string signature = label(method);
        signature = signature.substr(signature.find('('));
        signature = method->getNameAsString() + signature;
        if (!signatures.insert(signature).second) continue;  // one override serves both bases
        std::string why = slotObstacle(method, out, decls);
        if (why.empty()) continue;
        if (method->isPure()) return "its pure virtual " + label(method) + " cannot be overridden: " + why;
        if (why.find("cannot be named outside the class") != std::string::npos)
          return "its virtual " + label(method) + " names a type code outside the class cannot name: " + why;
        note("the dispatcher of " + qualified + " does not override " + label(method) + ": " + why);
      }
    }
    return "";
  }

  // Adds the slot that overrides method to out; why it cannot, or "".
  std::string slotObstacle(const CXXMethodDecl* method, Dispatcher& out, DispatcherDecls& decls) {
    if (method->hasAttr<FinalAttr>()) return "it is final";
    if (isa<CXXConversionDecl>(method)) return "conversion functions are not overridden";
    if (method->getRefQualifier() != RQ_None || method->getMethodQualifiers().hasVolatile())
      return "ref- and volatile-qualified methods are not overridden";
    if (method->getAccess() == AS_private && !method->isPure())
      return "it is private (C++ code of the class alone calls it)";
    Function fn;
    fn.kind = FunctionKind::Method;
    std::string why;
    if (!describeFunction(method, fn, &why)) return why;
    fn.qualifiedName = typeName(context_.getRecordType(method->getParent())) + "::" + fn.name;
    fn.isConst = method->isConst();
    fn.isVirtual = true;
    fn.isPure = method->isPure();
    fn.isProtected = method->getAccess() != AS_public;
    fn.requiredArguments = static_cast<unsigned>(fn.arguments.size());
    for (Argument& arg : fn.arguments) arg.defaultValue.clear();
    out.slots.push_back(std::move(fn));
    decls.slots.push_back(const_cast<CXXMethodDecl*>(method));
    return "";
  }

  // --- function templates ------------------------------------------------
  // A dictionary holds functions, not templates: a function template (member
  // or free) is described by its specializations. Those the headers make
  // (explicit specializations and instantiations, and what their inline code
  // instantiates), and those whose arguments the dictionary's own types
  // deduce: `template<class L> ClusterSequence(const std::vector<L>&, ...)`
  // beside a described std::vector<fastjet::PseudoJet> gives the constructor
  // from that vector. Deduction looks only at a parameter that names a
  // template parameter inside a type (std::vector<L>, Matrix<T, N>*); a bare
  // `T` or `const T&` would match every class, so such templates get only
  // what the headers make.
  void noteFunctionTemplate(FunctionTemplateDecl* tmpl) {
    if (inInstantiation_ || tmpl->isInvalidDecl()) return;
    const DeclContext* dc = tmpl->getDeclContext();
    if (isa<CXXRecordDecl>(dc) && tmpl->getAccess() != AS_public) return;
    if (tmpl->getCanonicalDecl() != tmpl) return;  // one entry per template
    int scope = ensureScope(dc);
    if (scope < 0) return;
    functionTemplates_.push_back({tmpl, scope});
  }

  void describeFunctionTemplates() {
    SourceManager& sm = context_.getSourceManager();
    SourceLocation where = sm.getLocForEndOfFile(sm.getMainFileID());
    // What the headers made, taken before deduction makes specializations of
    // its own (a declaration made while resolving an overload is not one).
    std::vector<std::vector<FunctionDecl*>> specializations(functionTemplates_.size());
    for (size_t t = 0; t < functionTemplates_.size(); ++t) {
      for (FunctionDecl* spec : functionTemplates_[t].first->specializations()) {
        TemplateSpecializationKind kind = spec->getTemplateSpecializationKind();
        if (spec->isInvalidDecl() || kind == TSK_Undeclared) continue;
        if (kind == TSK_ImplicitInstantiation && !spec->isDefined()) continue;
        specializations[t].push_back(spec);
      }
      for (FunctionDecl* spec : specializations[t]) compiledSpecializations_.insert(spec->getCanonicalDecl());
    }
    for (size_t t = 0; t < functionTemplates_.size(); ++t)
      for (FunctionDecl* spec : deducedSpecializations(functionTemplates_[t].first, where))
        specializations[t].push_back(spec);
    for (size_t t = 0; t < functionTemplates_.size(); ++t) {
      auto [tmpl, scope] = functionTemplates_[t];
      std::set<const FunctionDecl*> seen;
      bool any = false;
      for (FunctionDecl* spec : specializations[t]) {
        if (!seen.insert(spec->getCanonicalDecl()).second) continue;
        if (failedSpecializations_.count(spec->getCanonicalDecl()))
          continue;  // found out after it was deduced
        any = true;
        std::string arguments = templateArgumentsText(spec);
        if (arguments.empty()) {
          skip(spec, "its template arguments cannot be written (template template or declaration arguments)");
          continue;
        }
        if (auto* method = dyn_cast<CXXMethodDecl>(spec))
          visitMethod(method, scope, arguments);
        else
          describeFreeSpecialization(spec, scope, arguments);
      }
      if (!any)
        skip(tmpl->getTemplatedDecl(),
             "a function template: the headers instantiate it for no arguments, and no type of the "
             "dictionary deduces them");
    }
  }

  // The specializations of tmpl that the dictionary's class types deduce and
  // whose body compiles (checked here, so one that does not is left out
  // rather than failing the dictionary's compilation).
  std::vector<FunctionDecl*> deducedSpecializations(FunctionTemplateDecl* tmpl, SourceLocation where) {
    FunctionDecl* pattern = tmpl->getTemplatedDecl();
    if (!pattern->isDefined()) return {};  // nothing to instantiate the body from
    unsigned passed = pattern->getMinRequiredArguments();
    int deducing = -1;
    for (unsigned i = 0; i < passed; ++i) {
      QualType type = pattern->getParamDecl(i)->getType();
      if (!type->isDependentType()) continue;
      if (deducing >= 0 || namesBareTemplateParameter(type)) return {};  // one structural parameter only
      deducing = static_cast<int>(i);
    }
    if (deducing < 0) return {};
    std::vector<QualType> candidates = describedClassTypes_;
    for (const ClassTemplateSpecializationDecl* spec : instantiations_)
      candidates.push_back(context_.getRecordType(spec));
    std::vector<FunctionDecl*> out;
    for (QualType candidate : candidates) {
      std::vector<Expr*> args;
      for (unsigned i = 0; i < passed; ++i) {
        QualType type = static_cast<int>(i) == deducing
                            ? candidate
                            : pattern->getParamDecl(i)->getType().getNonReferenceType();
        args.push_back(new (context_) OpaqueValueExpr(where, type, VK_LValue));
      }
      SilencedDiagnostics silenced(sema_.getDiagnostics());
      DiagnosticErrorTrap trap(sema_.getDiagnostics());
      sema::TemplateDeductionInfo info(where);
      FunctionDecl* spec = nullptr;
      auto result =
          sema_.DeduceTemplateArguments(tmpl, nullptr, args, spec, info, /*PartialOverloading=*/false,
                                        [](ArrayRef<QualType>) { return false; });
      if (result != Sema::TDK_Success || spec == nullptr) continue;
      if (!spec->isDefined()) sema_.InstantiateFunctionDefinition(where, spec, /*Recursive=*/true);
      bool compiled = !trap.hasErrorOccurred() && !spec->isInvalidDecl() && spec->isDefined() &&
                      !failedSpecializations_.count(spec->getCanonicalDecl());
      noteNewlyDefinedSpecializations(compiled);
      if (!compiled) {
        skip(spec, "deduced from '" + typeName(candidate) + "', but its body does not compile for it");
        continue;
      }
      out.push_back(spec);
    }
    return out;
  }

  // After an attempt to instantiate a specialization: those of the selected
  // templates that it defined on the way (fastjet::ClusterSequence's
  // constructor from std::vector<int>, instantiated by
  // JetDefinition::operator()) compiled only if the attempt did; clang
  // instantiates a body once, so a later attempt would not see its errors.
  void noteNewlyDefinedSpecializations(bool compiled) {
    for (const auto& [tmpl, scope] : functionTemplates_)
      for (FunctionDecl* spec : tmpl->specializations()) {
        if (!spec->isDefined() || compiledSpecializations_.count(spec->getCanonicalDecl())) continue;
        if (compiled)
          compiledSpecializations_.insert(spec->getCanonicalDecl());
        else
          failedSpecializations_.insert(spec->getCanonicalDecl());
      }
  }

  // T, T*, const T&, T&&: a parameter that any class would deduce.
  static bool namesBareTemplateParameter(QualType type) {
    type = type.getNonReferenceType();
    while (type->isPointerType()) type = type->getPointeeType();
    return type->getAs<TemplateTypeParmType>() != nullptr || isa<PackExpansionType>(type.getTypePtr());
  }

  // "double", "fastjet::PseudoJet,4": the specialization's template arguments
  // in the dictionary's spelling (no spaces, as instantiation names); "" if
  // one of them has no spelling here.
  std::string templateArgumentsText(const FunctionDecl* spec) const {
    const TemplateArgumentList* list = spec->getTemplateSpecializationArgs();
    if (list == nullptr) return "";
    std::vector<std::string> parts;
    std::function<bool(const TemplateArgument&)> add = [&](const TemplateArgument& arg) {
      switch (arg.getKind()) {
        case TemplateArgument::Type:
          parts.push_back(typeName(arg.getAsType().getCanonicalType()));
          return true;
        case TemplateArgument::Integral:
          parts.push_back(arg.getIntegralType()->isBooleanType()
                              ? std::string(arg.getAsIntegral().getBoolValue() ? "true" : "false")
                              : toString(arg.getAsIntegral(), 10));
          return true;
        case TemplateArgument::Pack:
          for (const TemplateArgument& element : arg.pack_elements())
            if (!add(element)) return false;
          return true;
        default:
          return false;
      }
    };
    for (const TemplateArgument& arg : list->asArray())
      if (!add(arg)) return "";
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : ",") + part;
    return parts.empty() ? "" : out;
  }

  // A specialization is named with its arguments ("f<double>") so clients can
  // ask for it (PyPy: obj.f['double']); a constructor keeps its class's name.
  static void markTemplateInstance(Function& fn, const std::string& scopeName, const std::string& arguments) {
    fn.isTemplateInstance = true;
    fn.hasInlineBody = true;  // the dictionary instantiates it: its own symbol may exist nowhere else
    if (fn.kind == FunctionKind::Constructor) return;
    fn.name += "<" + arguments + ">";
    fn.qualifiedName = (scopeName.empty() ? "" : scopeName + "::") + fn.name;
  }

  void describeFreeSpecialization(FunctionDecl* spec, int scope, const std::string& arguments) {
    Function out;
    out.kind = FunctionKind::Static;
    if (!describeFunction(spec, out)) return;
    markTemplateInstance(out, model_.scopes[scope].qualifiedName, arguments);
    addFunction(scope, std::move(out), spec);
  }

  void visitFreeFunction(FunctionDecl* fn) {
    if (fn->isDeleted() || fn->getDescribedFunctionTemplate() || fn->isTemplated()) return;
    if (fn->isMain() || fn->isImplicit()) return;  // implicit: a builtin the header calls
    // One entry per function, at its first declaration in the namespace (a
    // function first declared as a friend inside a class has its canonical
    // declaration there).
    if (!describedFreeFunctions_.insert(fn->getCanonicalDecl()).second) return;
    int scope = ensureScope(fn->getDeclContext());
    if (scope < 0) return;
    Function out;
    out.kind = FunctionKind::Static;
    if (!describeFunction(fn, out)) return;
    addFunction(scope, std::move(out), fn);
  }

  // Returns why the type cannot be named outside its class, or "".
  std::string fillDataType(QualType type, DataMember& out) {
    QualType element = type;
    while (const auto* array = context_.getAsConstantArrayType(element)) {
      out.dimensions.push_back(array->getSize().getZExtValue());
      element = array->getElementType();
    }
    std::string unreachable;
    out.type = describeType(element, unreachable);
    // enums are seen by clients as their underlying builtin (see emit.cpp)
    // (one-byte enums as int8_t/uint8_t, which clients read as numbers, not characters)
    out.typeName = out.type.name;
    if (out.type.category == TypeCategory::Enum) {
      const std::string& b = out.type.builtin;
      out.typeName = b == "unsigned char" ? "uint8_t" : (b == "char" || b == "signed char") ? "int8_t" : b;
    }
    for (std::uint64_t d : out.dimensions) out.typeName += "[" + std::to_string(d) + "]";
    out.isConst = element.isConstQualified();
    out.isEnum = out.type.category == TypeCategory::Enum;
    return unreachable;
  }

  // Leaves out a data member or variable whose type the dictionary cannot hold.
  bool dataTypeUsable(const NamedDecl* decl, const DataMember& data, const std::string& unreachable) {
    if (!unreachable.empty()) {
      skip(decl, "its type '" + data.typeName + "' cannot be named outside the class: " + unreachable);
      return false;
    }
    if (data.type.category == TypeCategory::Other || data.type.category == TypeCategory::Void) {
      skip(decl, "type '" + data.typeName + "' is not supported");
      return false;
    }
    return true;
  }

  void visitField(FieldDecl* field, int scope) {
    bool isProtected = field->getAccess() == AS_protected && model_.scopes[scope].hasDispatcher;
    if ((field->getAccess() != AS_public && !isProtected) || field->isUnnamedBitfield()) return;
    if (field->getIdentifier() == nullptr) return;  // anonymous struct/union members
    // (a protected member that cannot be described is no declaration left out:
    // it was never described before Python subclasses could reach it)
    if (field->getType()->isReferenceType()) {
      if (!isProtected) skip(field, "reference data members have no offset");
      return;
    }
    DataMember data;
    data.name = field->getNameAsString();
    data.isProtected = isProtected;
    std::string unreachable = fillDataType(field->getType(), data);
    if (field->isBitField()) {
      if (!isProtected) skip(field, "bit-fields have no address");
      return;
    }
    if (isProtected ? !protectedDataUsable(data, unreachable) : !dataTypeUsable(field, data, unreachable))
      return;
    model_.scopes[scope].data.push_back(std::move(data));
  }

  static bool protectedDataUsable(const DataMember& data, const std::string& unreachable) {
    return unreachable.empty() && data.type.category != TypeCategory::Other &&
           data.type.category != TypeCategory::Void;
  }

  void visitVariable(VarDecl* var) {
    if (var->isTemplated() || var->getDescribedVarTemplate() || isa<VarTemplateSpecializationDecl>(var))
      return;
    if (var->getCanonicalDecl() != var) return;
    const DeclContext* dc = var->getDeclContext();
    bool isProtected = false;
    if (isa<CXXRecordDecl>(dc) && var->getAccess() != AS_public) {
      int owner = ensureScope(dc);
      isProtected = var->getAccess() == AS_protected && owner >= 0 && model_.scopes[owner].hasDispatcher;
      if (!isProtected) return;
    }
    if (!isa<CXXRecordDecl>(dc) && !var->hasGlobalStorage()) return;
    if (var->getType()->isReferenceType()) {
      if (!isProtected) skip(var, "references are not supported as variables");
      return;
    }
    int scope = ensureScope(dc);
    if (scope < 0) return;
    DataMember data;
    data.name = var->getNameAsString();
    data.isProtected = isProtected;
    std::string unreachable = fillDataType(var->getType(), data);
    data.isStatic = true;
    data.addressByCopy =
        var->isStaticDataMember() && !var->isInline() && var->hasInit() && var->getDefinition() == nullptr;
    if (isProtected ? !protectedDataUsable(data, unreachable) : !dataTypeUsable(var, data, unreachable))
      return;
    model_.scopes[scope].data.push_back(std::move(data));
  }

  void visitEnum(EnumDecl* en) {
    if (!en->isComplete() || en->isTemplated()) return;
    const DeclContext* dc = en->getDeclContext();
    if (isa<CXXRecordDecl>(dc) && en->getAccess() != AS_public) return;
    int scope = ensureScope(dc);
    if (scope < 0) return;
    Enum out;
    out.name = en->getNameAsString();
    out.qualifiedName = en->getIdentifier() ? en->getQualifiedNameAsString() : std::string();
    out.isScoped = en->isScoped();
    out.underlyingType = en->getIntegerType().getCanonicalType().getAsString(policy_);
    for (const EnumConstantDecl* value : en->enumerators()) {
      Enumerator e;
      e.name = value->getNameAsString();
      e.value = value->getInitVal().getExtValue();
      out.enumerators.push_back(std::move(e));
    }
    model_.scopes[scope].enums.push_back(std::move(out));
  }

  void visitTypedef(TypedefNameDecl* td) {
    if (td->isTemplated()) return;
    const DeclContext* dc = td->getDeclContext();
    if (isa<CXXRecordDecl>(dc) && td->getAccess() != AS_public) return;
    if (td->getUnderlyingType()->isDependentType()) return;
    int scope = ensureScope(dc);
    if (scope < 0) return;
    std::string unreachable;
    Typedef out = describeTypedef(td, unreachable);
    if (!unreachable.empty()) {
      skip(td, "it names what cannot be named outside the class: " + unreachable);
      return;
    }
    out.name = td->getNameAsString();
    declaredTypedefs_.insert(out.qualifiedName);
    model_.scopes[scope].typedefs.push_back(std::move(out));
  }

  Typedef describeTypedef(const TypedefNameDecl* td, std::string& unreachable) {
    Typedef out;
    out.name = out.qualifiedName = td->getQualifiedNameAsString();
    out.target = describeType(td->getUnderlyingType(), unreachable);
    // Clients want the resolved name, spelled the way their converters know it.
    out.target.name = out.target.category == TypeCategory::String ? "std::string"
                      : out.target.category == TypeCategory::Enum ? out.target.builtin
                                                                  : out.target.canonical;
    return out;
  }

  // Signatures keep typedef names as written ("uLong"), and clients resolve
  // them through the dictionary, so every typedef a signature or data member
  // uses is recorded, also when another header declares it.
  void noteTypedefs(QualType type) {
    std::string unreachable;
    for (int depth = 0; depth < 16 && !type.isNull(); ++depth) {
      const clang::Type* t = type.getTypePtr();
      if (const auto* elaborated = dyn_cast<ElaboratedType>(t)) {
        type = elaborated->getNamedType();
      } else if (const auto* td = dyn_cast<TypedefType>(t)) {
        const TypedefNameDecl* decl = td->getDecl();
        std::string qualified = decl->getQualifiedNameAsString();
        // std::string is a name clients know; resolving it would hide it from them.
        if (qualified != "std::string" && !decl->getUnderlyingType()->isDependentType() &&
            usedTypedefs_.emplace(qualified, Typedef{}).second)
          usedTypedefs_[qualified] = describeTypedef(decl, unreachable);  // unreachable: category Other
        type = td->desugar();
      } else if (const auto* pointer = dyn_cast<PointerType>(t)) {
        type = pointer->getPointeeType();
      } else if (const auto* reference = dyn_cast<ReferenceType>(t)) {
        type = reference->getPointeeType();
      } else if (const auto* spec = dyn_cast<TemplateSpecializationType>(t)) {
        // a signature spells them inside template arguments too:
        // std::vector<HepMC3::ConstGenParticlePtr>
        for (const TemplateArgument& arg : spec->template_arguments())
          if (arg.getKind() == TemplateArgument::Type) noteTypedefs(arg.getAsType());
        return;
      } else {
        return;
      }
    }
  }

  void addUsedTypedefs() {
    for (auto& [qualified, typedefRecord] : usedTypedefs_)
      if (!declaredTypedefs_.count(qualified) && !typedefRecord.qualifiedName.empty() &&
          typedefRecord.target.category != TypeCategory::Other)
        model_.scopes[0].typedefs.push_back(typedefRecord);
  }

  ASTContext& context_;
  Sema& sema_;
  std::set<const FileEntry*> selectedFiles_;
  const SelectionRules* selection_;  // null: select by file
  std::vector<CXXRecordDecl*> neededRecords_;
  bool verbose_;
  Model& model_;
  PrintingPolicy policy_;
  ASTNameGenerator mangler_;
  std::map<std::string, int> scopeIndex_;
  std::set<std::string> declaredTypedefs_;
  std::map<std::string, Typedef> usedTypedefs_;
  std::map<const FunctionDecl*, bool> throwVerdicts_;
  std::set<const CXXRecordDecl*> thrownClasses_;  // canonical declarations
  unsigned leftOut_ = 0;
  // Instantiations to describe, in the order they were met, and their names.
  std::vector<ClassTemplateSpecializationDecl*> instantiations_;
  std::set<const ClassTemplateSpecializationDecl*> notedInstantiations_;
  std::set<std::string> instantiationNames_;
  // Noted instantiations that completeInstantiation could not complete, and why.
  std::map<const ClassTemplateSpecializationDecl*, std::string> uncompletable_;
  bool inInstantiation_ = false;  // describing the members of one
  // Function templates of the selected scopes (and the scope of each), and the
  // class types described so far: what deduces their arguments.
  std::vector<std::pair<FunctionTemplateDecl*, int>> functionTemplates_;
  std::vector<QualType> describedClassTypes_;
  // Specializations of those templates known to compile, and known not to.
  std::set<const FunctionDecl*> compiledSpecializations_, failedSpecializations_;
  // Free functions described, by canonical declaration.
  std::set<const FunctionDecl*> describedFreeFunctions_;
  // std::ostream and the operator<< of the global namespace (describeStreamText).
  bool ostreamLooked_ = false, shiftOperatorsLooked_ = false;
  QualType ostream_;
  UnresolvedSet<16> globalShiftOperators_;
  // The iterator classes and value types of the containers described, and
  // which kind of them is being described.
  enum class Companion { None, Iterator, Value };
  std::map<const ClassTemplateSpecializationDecl*, Companion> companions_;
  Companion describing_ = Companion::None;
  // What checkWhatTheDictionaryCompiles looks at: the functions of the model
  // and their declarations, each class scope's declaration, the
  // declarations behind each dispatcher; and what it found, by canonical
  // declaration (a body is instantiated once: its errors are kept).
  std::vector<StubCall> stubCalls_;
  std::map<int, CXXRecordDecl*> scopeRecords_;
  std::map<int, DispatcherDecls> dispatcherDecls_;
  std::set<const FunctionDecl*> checkedBodies_;
  std::map<const FunctionDecl*, std::string> bodyFailures_;
  std::map<const FunctionDecl*, std::string> reached_;  // failureReached's verdicts
};

class GenreflexConsumer : public ASTConsumer {
 public:
  GenreflexConsumer(CompilerInstance& ci, const ParseOptions& options, Model& model, unsigned& leftOut)
      : ci_(ci), options_(options), model_(model), leftOut_(leftOut) {}

  void HandleTranslationUnit(ASTContext& context) override {
    if (ci_.getDiagnostics().hasErrorOccurred()) return;
    std::set<const FileEntry*> selected;
    for (const std::string& header : options_.headers) {
      std::error_code ec;
      std::string absolute = std::filesystem::absolute(header, ec).string();
      if (auto file = ci_.getFileManager().getFile(absolute)) selected.insert(*file);
    }
    ModelBuilder builder(context, ci_.getSema(), std::move(selected), options_.selection, options_.verbose,
                         model_);
    builder.build();
    leftOut_ = builder.leftOut();
  }

 private:
  CompilerInstance& ci_;
  const ParseOptions& options_;
  Model& model_;
  unsigned& leftOut_;
};

class GenreflexAction : public ASTFrontendAction {
 public:
  GenreflexAction(const ParseOptions& options, Model& model, unsigned& leftOut, bool& hadWarnings)
      : options_(options), model_(model), leftOut_(leftOut), hadWarnings_(hadWarnings) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance& ci, StringRef) override {
    return std::make_unique<GenreflexConsumer>(ci, options_, model_, leftOut_);
  }

  void EndSourceFileAction() override {
    hadWarnings_ = getCompilerInstance().getDiagnostics().getNumWarnings() > 0;
  }

 private:
  const ParseOptions& options_;
  Model& model_;
  unsigned& leftOut_;
  bool& hadWarnings_;
};

}  // namespace

std::vector<std::string> standardHeadersFor(const ParseOptions& options) {
  std::vector<std::string> requested = options.instantiations;
  if (options.selection)
    for (const SelectionRules::NamedInstantiation& named : options.selection->namedInstantiations())
      requested.push_back(named.name);
  return standardHeadersNamedBy(requested);
}

bool parseHeaders(const ParseOptions& options, Model& model, unsigned& leftOut) {
  leftOut = 0;
  std::string code;
  for (const std::string& header : options.headers) {
    std::error_code ec;
    code += "#include \"" + std::filesystem::absolute(header, ec).string() + "\"\n";
  }
  std::vector<SelectionRules::NamedInstantiation> named;
  if (options.selection) named = options.selection->namedInstantiations();
  for (const std::string& header : standardHeadersFor(options)) code += "#include <" + header + ">\n";
  if (!options.instantiations.empty() || !named.empty()) {
    code += std::string("namespace ") + kRequestNamespace + " {\n";
    for (size_t i = 0; i < options.instantiations.size(); ++i)
      code += "using requested_" + std::to_string(i) + " = " + options.instantiations[i] + ";\n";
    // A name that does not compile is reported at its line of the selection file.
    std::string file;
    for (char c : named.empty() ? std::string() : options.selection->fileName())
      file += (c == '"' || c == '\\' ? "\\" : "") + std::string(1, c);
    for (size_t i = 0; i < named.size(); ++i)
      code += "#line " + std::to_string(named[i].line) + " \"" + file + "\"\n" + "using selected_" +
              std::to_string(i) + " = " + named[i].name + ";\n";
    code += "}\n";
  }
  std::vector<std::string> args = {"-xc++", "-fsyntax-only", "-Wno-unused-command-line-argument"};
  if (!options.resourceDir.empty()) args.push_back("-resource-dir=" + options.resourceDir);
  args.insert(args.end(), options.compilerArgs.begin(), options.compilerArgs.end());

  bool hadWarnings = false;
  bool ok =
      tooling::runToolOnCodeWithArgs(std::make_unique<GenreflexAction>(options, model, leftOut, hadWarnings),
                                     code, args, "genreflex_input.cpp", "genreflex");
  if (!ok) return false;
  if (options.failOnWarnings && hadWarnings) {
    llvm::errs() << "genreflex: error: the headers produced warnings and --fail_on_warnings is set\n";
    return false;
  }
  return !model.scopes.empty();
}

}  // namespace genreflex
