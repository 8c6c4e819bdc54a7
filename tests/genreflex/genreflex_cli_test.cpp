// genreflex_cli_test.cpp - runs the genreflex executable on good and bad input and
// checks exit status, the text on stdout/stderr, and what is left in the output
// directory (only a finished output, never a partial one or a temporary).
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dictionary_view.h"
#include "genreflex_cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using namespace genreflex_test;

TEST_F(GenreflexCli, GoodHeaderToSourceWritesOnlyThatFile) {
  // The positive control for the "nothing left behind" checks below.
  Outcome run = genreflex({dataFile("scopes.h"), "-o", (outDir_ / "Scopes.cpp").string()});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(outDirEntries(), Names{"Scopes.cpp"});
  std::string source = readFile(outDir_ / "Scopes.cpp");
  EXPECT_NE(source.find("dictloader_dictionary_v1"), std::string::npos);
  EXPECT_NE(source.find("#include <dictloader/dictionary_abi.h>"), std::string::npos);
}

TEST_F(GenreflexCli, GoodHeaderToLibraryWritesOnlyTheLibrary) {
  Outcome run = genreflex({dataFile("scopes.h"), "-o", (outDir_ / "libScopesDict.so").string()});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(outDirEntries(), Names{"libScopesDict.so"});  // the temporary source is gone
}

TEST_F(GenreflexCli, SyntaxErrorFailsWithClangDiagnosticAndNoLibrary) {
  Outcome run = genreflex({dataFile("syntax_error.h"), "-o", (outDir_ / "libBrokenDict.so").string()});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("syntax_error.h:4:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("error:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("genreflex: error:"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, SyntaxErrorFailsWithNoSource) {
  Outcome run = genreflex({dataFile("syntax_error.h"), "-o", (outDir_ / "Broken.cpp").string()});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("syntax_error.h:4:"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, CompilerFailureLeavesNoLibraryAndNoTemporaries) {
  // The headers parse, the compile stage fails: the temporary source and the
  // unfinished library must both be removed.
  Outcome run =
      genreflex({dataFile("scopes.h"), "-o", (outDir_ / "libScopesDict.so").string()}, {"CXX=false"});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("genreflex: error: the C++ compiler 'false' failed"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, MissingHeaderGivesOneLineError) {
  Outcome run = genreflex({dataFile("no_such_header.h"), "-o", (outDir_ / "libMissingDict.so").string()});
  EXPECT_NE(run.status, 0);
  std::vector<std::string> errLines = lines(run.err);
  ASSERT_EQ(errLines.size(), 1u) << run.err;
  EXPECT_EQ(errLines[0].rfind("genreflex: error: ", 0), 0u) << errLines[0];
  EXPECT_NE(errLines[0].find("no_such_header.h"), std::string::npos) << errLines[0];
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, NoHeaderIsAUsageError) {
  Outcome run = genreflex({"-o", (outDir_ / "X.cpp").string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("no header given"), std::string::npos) << run.err;
}

TEST_F(GenreflexCli, MethptrgetterTakesAllAndLeavesAFollowingHeaderAlone) {
  // ROOT's spelling puts the header after the switch: it must stay a header.
  Outcome plain =
      genreflex({"--methptrgetter", dataFile("scopes.h"), "-o", (outDir_ / "Plain.cpp").string()});
  ASSERT_EQ(plain.status, 0) << plain.err;
  std::string source = readFile(outDir_ / "Plain.cpp");
  EXPECT_NE(source.find("DL_DICT_HAS_FUNCTION_ADDRESSES"), std::string::npos);
  EXPECT_EQ(source.find("DL_DICT_FAST_PATH_ALL"), std::string::npos);

  Outcome all =
      genreflex({dataFile("scopes.h"), "--methptrgetter=all", "-o", (outDir_ / "All.cpp").string()});
  ASSERT_EQ(all.status, 0) << all.err;
  source = readFile(outDir_ / "All.cpp");
  EXPECT_NE(source.find("DL_DICT_HAS_FUNCTION_ADDRESSES | DL_DICT_FAST_PATH_ALL"), std::string::npos);
  EXPECT_EQ(source.find("DL_FAST_MAY_THROW"), std::string::npos);
}

TEST_F(GenreflexCli, MethptrgetterWithAnotherValueIsAUsageError) {
  Outcome run = genreflex({dataFile("scopes.h"), "--methptrgetter=some", "-o", (outDir_ / "X.cpp").string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(
      lines(run.err),
      std::vector<std::string>{
          "genreflex: error: --methptrgetter=some: the only value is 'all' (or give --methptrgetter alone)"})
      << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, HelpExplainsWhatAllDoesToExceptions) {
  Outcome run = genreflex({"--help"});
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("--methptrgetter=all"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ends the process with one line"), std::string::npos) << run.out;
}

TEST_F(GenreflexCli, CppflagsPrintsAbiIncludeAndPic) {
  Outcome run = genreflex({"--cppflags"});
  EXPECT_EQ(run.status, 0) << run.err;
  std::istringstream words(run.out);
  std::vector<std::string> flags{std::istream_iterator<std::string>(words),
                                 std::istream_iterator<std::string>()};
  auto has = [&](const std::string& flag) {
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
  };
  EXPECT_TRUE(has("-I" GENREFLEX_TEST_ABI_INCLUDE_DIR)) << run.out;
  EXPECT_TRUE(has("-fPIC")) << run.out;
  EXPECT_TRUE(has("-std=gnu++17")) << run.out;  // the default: the dialect g++ and clang++ default to
  EXPECT_TRUE(fs::exists(fs::path(GENREFLEX_TEST_ABI_INCLUDE_DIR) / "dictloader" / "dictionary_abi.h"));
}

TEST_F(GenreflexCli, CppflagsCarryIncludesDefinesAndStandard) {
  Outcome run = genreflex({"--cppflags", "-I", "/opt/extra", "-D", "ANSWER=42", "--std", "c++20"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("-I/opt/extra"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("-DANSWER=42"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("-std=c++20"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("-std=gnu++17"), std::string::npos) << run.out;
}

// --- declarations the dictionary cannot hold -------------------------------

TEST_F(GenreflexCli, VerboseNamesEachDeclarationLeftOutAndTheSummaryCountsThem) {
  Outcome run =
      genreflex({dataFile("unreachable_names.h"), "-o", (outDir_ / "libUnreachableDict.so").string(), "-v"});
  ASSERT_EQ(run.status, 0) << run.err;
  for (const char* note : {
           "skipping unreachable::Keeper::disclose() const: its result type 'unreachable::Keeper::Disclosed' "
           "cannot be named outside the class: 'unreachable::Keeper::Secret' is private",
           "skipping unreachable::Keeper::code(const unreachable::Keeper::Disclosed&) const",
           "skipping unreachable::Keeper::guarded(): its result type 'unreachable::Keeper::Guarded*' cannot "
           "be "
           "named outside the class: 'unreachable::Keeper::Guarded' is protected",
           "skipping unreachable::Keeper::secretPointer",
           "skipping unreachable::Keeper::Disclosed",
           "skipping base class 'unreachable::Keeper::Guarded' of unreachable::Keeper::Exposed",
           "skipping unreachable::KeeperSecret",
           "skipping unreachable::secretCode(const unreachable::Keeper::Disclosed&)",
       })
    EXPECT_NE(run.err.find(note), std::string::npos) << note << "\n" << run.err;
  EXPECT_NE(run.err.find("genreflex: wrote " + (outDir_ / "libUnreachableDict.so").string()),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("; 8 declarations left out, see the notes above)"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("doubled"), std::string::npos) << run.err;  // kept, so not noted

  Outcome quiet = genreflex({dataFile("unreachable_names.h"), "-o", (outDir_ / "libQuietDict.so").string()});
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
}

TEST_F(GenreflexCli, ADeclarationTheCompilerRejectsIsLeftOutAndTheRestCompiled) {
  // clang accepts Counter::add; g++ rejects what its stub instantiates.
  std::string library = (outDir_ / "libDisagreementDict.so").string();
  Outcome run =
      genreflex({dataFile("compiler_disagreement.h"), "--methptrgetter", "-o", library}, {"CXX=g++"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(
      run.err.find("genreflex: warning: leaving out disagreement::Counter::add(disagreement::Tally<int>) "
                   "const: clang accepted it, the C++ compiler or linker did not: "),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("__builtin_elementwise_abs"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("the entry of"), std::string::npos) << run.err;  // goes with its function
  EXPECT_EQ(outDirEntries(), Names{"libDisagreementDict.so"});
  genreflex_test::DictionaryView dict(library);
  EXPECT_TRUE(dict.functions("disagreement::Counter", "add").empty());
  EXPECT_EQ(dict.functions("disagreement::Counter", "get").size(), 1u);
  // Moving a Tally (DlObjectOps.move_to_heap) needs that copy constructor too:
  // the instantiation's object operations are left out on their own.
  const DlDictionary& raw = dict.raw();
  const DlScope* tally = dict.scope("disagreement::Tally<int>");
  const DlScope* counter = dict.scope("disagreement::Counter");
  ASSERT_NE(tally, nullptr);
  ASSERT_NE(counter, nullptr);
  const DlObjectOps& tallyOps = raw.objects[dict.scopeIndex(*tally)];
  EXPECT_EQ(tallyOps.align, 0u);
  EXPECT_EQ(tallyOps.allocate, nullptr);
  EXPECT_EQ(tallyOps.move_to_heap, nullptr);
  const DlObjectOps& counterOps = raw.objects[dict.scopeIndex(*counter)];
  EXPECT_EQ(counterOps.align, alignof(int));
  EXPECT_NE(counterOps.move_to_heap, nullptr);
  EXPECT_NE(dict.data("disagreement::Tally<int>", "count"), nullptr);  // the rest of the class stays
  Outcome verbose = genreflex(
      {dataFile("compiler_disagreement.h"), "-v", "-o", (outDir_ / "libDisagreementVerbose.so").string()},
      {"CXX=g++"});
  ASSERT_EQ(verbose.status, 0) << verbose.err;
  EXPECT_NE(
      verbose.err.find("genreflex: note: leaving out the object operations (allocate, destroy, move) of "
                       "disagreement::Tally<int>: it does not compile for this instantiation: "),
      std::string::npos)
      << verbose.err;
}

TEST_F(GenreflexCli, AMemberThatDoesNotCompileForOneInstantiationIsLeftOutAlone) {
  std::string library = (outDir_ / "libRejectionDict.so").string();
  // a note under -v, not a warning: also under --fail_on_warnings
  Outcome run = genreflex(
      {dataFile("template_rejection.h"), "--methptrgetter", "--fail_on_warnings", "-v", "-o", library});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("genreflex: note: leaving out rejection::Box<rejection::Unordered>::before(const "
                         "rejection::Box<rejection::Unordered>&) const: it does not compile for this "
                         "instantiation: "),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("warning"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{"libRejectionDict.so"});
  genreflex_test::DictionaryView dict(library);
  EXPECT_TRUE(dict.functions("rejection::Box<rejection::Unordered>", "before").empty());
  EXPECT_EQ(dict.functions("rejection::Box<rejection::Unordered>", "get").size(), 1u);
  EXPECT_EQ(dict.functions("rejection::Box<int>", "before").size(), 1u);
}

TEST_F(GenreflexCli, AClassOnlyDeclaredAsksForItsHeaderNotForInstantiate) {
  Outcome run = genreflex({dataFile("forward_declared.h"), "-v", "-o", (outDir_ / "fwd_rflx.cpp").string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("argument type 'OnlyDeclared' is not in the dictionary (it is declared but not defined "
                         "in these headers: name the header that defines it)"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("'OnlyDeclared' is not in the dictionary (add it with --instantiate)"), std::string::npos)
      << run.err;
}

TEST_F(GenreflexCli, AnInstantiationThatDoesNotCompileIsLeftOutNotTheDictionary) {
  std::string library = (outDir_ / "libIncompleteDict.so").string();
  Outcome run = genreflex({dataFile("template_rejection.h"), "-v", "-o", library});
  ASSERT_EQ(run.status, 0) << run.err;
  for (const char* left : {"std::pair<int,rejection::Forward>", "std::vector<rejection::Forward>"})
    EXPECT_NE(run.err.find(std::string("skipping ") + left +
                           ": its template argument 'rejection::Forward' is only declared, not defined"),
              std::string::npos)
        << run.err;
  EXPECT_EQ(run.err.find("error:"), std::string::npos) << run.err;
  genreflex_test::DictionaryView dict(library);
  EXPECT_EQ(dict.scope("std::pair<int,rejection::Forward>"), nullptr);
  EXPECT_EQ(dict.scope("std::vector<rejection::Forward>"), nullptr);
  EXPECT_NE(dict.scope("std::vector<rejection::Forward*>"), nullptr);
  EXPECT_NE(dict.scope("rejection::Shelf"), nullptr);
}

TEST_F(GenreflexCli, DeprecatedDeclarationsAreDescribedWithoutWarnings) {
  std::string library = (outDir_ / "libDeprecatedDict.so").string();
  Outcome run = genreflex({dataFile("deprecated.h"), "-o", library});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err.find("warning"), std::string::npos) << run.err;
  genreflex_test::DictionaryView dict(library);
  EXPECT_NE(dict.scope("old::Legacy"), nullptr);
  EXPECT_EQ(dict.functions("old::Api", "Double").size(), 1u);
}

TEST_F(GenreflexCli, InstantiateAddsANamedInstantiation) {
  std::string library = (outDir_ / "libInstantiateDict.so").string();
  Outcome run = genreflex({dataFile("templates.h"), "--instantiate", "std::map<std::string, double>",
                           "--instantiate=std::vector<tmpl::Store>", "-o", library});
  ASSERT_EQ(run.status, 0) << run.err;
  genreflex_test::DictionaryView dict(library);
  EXPECT_NE(dict.scope("std::map<std::string,double>"), nullptr);
  EXPECT_NE(dict.scope("std::vector<tmpl::Store>"), nullptr);
  EXPECT_EQ(dict.functions("std::vector<tmpl::Store>", "size").size(), 1u);
}

TEST_F(GenreflexCli, InstantiateOfAnUnknownTemplateIsAnErrorNamingIt) {
  Outcome run = genreflex({dataFile("templates.h"), "--instantiate", "std::mapp<int,int>", "-o",
                           (outDir_ / "libBadInstantiateDict.so").string()});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find("std::mapp<int,int>"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, ARejectedDeclarationFailsTheRunUnderFailOnWarnings) {
  Outcome run = genreflex({dataFile("compiler_disagreement.h"), "--fail_on_warnings", "-o",
                           (outDir_ / "libDisagreementDict.so").string()},
                          {"CXX=g++"});
  EXPECT_NE(run.status, 0);
  EXPECT_EQ(run.err.find("leaving out"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("__builtin_elementwise_abs"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, AHeaderTheCompilerRejectsIsNamedWithItsFirstError) {
  Outcome run =
      genreflex({dataFile("clang_only.h"), "-o", (outDir_ / "libClangOnlyDict.so").string()}, {"CXX=g++"});
  EXPECT_NE(run.status, 0);
  std::vector<std::string> errLines = lines(run.err);
  ASSERT_FALSE(errLines.empty());
  const std::string& last = errLines.back();
  EXPECT_EQ(last.rfind("genreflex: error: the C++ compiler 'g++' failed to build the dictionary", 0), 0u)
      << last;
  EXPECT_NE(last.find("clang_only.h:7:"), std::string::npos) << last;
  EXPECT_NE(last.find("__builtin_readcyclecounter"), std::string::npos) << last;
  EXPECT_NE(last.find("clang accepted the headers"), std::string::npos) << last;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(GenreflexCli, WhatNoLinkedLibraryDefinesIsLeftOutSoTheDictionaryLoads) {
  // Loaded first, so the dictionaries' dependency on it is met by its name.
  ASSERT_NE(::dlopen(GENREFLEX_TEST_SUBJECTS, RTLD_NOW | RTLD_GLOBAL), nullptr) << ::dlerror();
  for (bool addresses : {false, true}) {
    std::string library = (outDir_ / (addresses ? "libLinkageFastDict.so" : "libLinkageDict.so")).string();
    std::vector<std::string> args = {dataFile("undefined_symbols.h"), "-o", library,
                                     "-lgenreflex_test_subjects",     "-L", GENREFLEX_TEST_SUBJECTS_DIR};
    if (addresses) args.push_back("--methptrgetter");
    Outcome run = genreflex(args);
    ASSERT_EQ(run.status, 0) << run.err;
    for (const char* name :
         {"linkage::neverDefined(int)", "linkage::Gadget::weight() const", "linkage::Gadget::missingCount"})
      EXPECT_NE(run.err.find(std::string("genreflex: warning: leaving out ") + name + ":"), std::string::npos)
          << name << "\n"
          << run.err;
    EXPECT_NE(run.err.find("no linked library defines it"), std::string::npos) << run.err;
    genreflex_test::DictionaryView dict(library);  // RTLD_NOW: every symbol resolved
    EXPECT_EQ(dict.functions("linkage", "defined").size(), 1u);
    EXPECT_EQ(dict.functions("linkage", "fromDependency").size(), 1u);  // from the subjects' dependency
    EXPECT_EQ(run.err.find("fromDependency"), std::string::npos) << run.err;
    EXPECT_TRUE(dict.functions("linkage", "neverDefined").empty());
    EXPECT_EQ(dict.functions("linkage::Gadget", "size").size(), 1u);
    EXPECT_TRUE(dict.functions("linkage::Gadget", "weight").empty());
    EXPECT_NE(dict.data("linkage::Gadget", "instances"), nullptr);
    EXPECT_EQ(dict.data("linkage::Gadget", "missingCount"), nullptr);
  }
}

TEST_F(GenreflexCli, DeclaredFunctionsUsingInstantiationsAreKeptAndNotNoted) {
  // What the CMake project did: -v, --methptrgetter=all, linked against the library.
  ASSERT_NE(::dlopen(GENREFLEX_TEST_SUBJECTS, RTLD_NOW | RTLD_GLOBAL), nullptr) << ::dlerror();
  std::string library = (outDir_ / "libDeclaredDict.so").string();
  Outcome run = genreflex({dataFile("declared_instantiations.h"), "-v", "--methptrgetter=all", "-o", library,
                           "-lgenreflex_test_subjects", "-L", GENREFLEX_TEST_SUBJECTS_DIR});
  ASSERT_EQ(run.status, 0) << run.err;
  // (members of the instantiations that no stub can call, such as push_back(double&&), are noted)
  for (const std::string& line : lines(run.err)) {
    EXPECT_EQ(line.find("leaving out"), std::string::npos) << line;
    if (line.find("Opaque") != std::string::npos) continue;  // below
    EXPECT_EQ(line.find("skipping declared"), std::string::npos) << line;
  }
  EXPECT_NE(
      run.err.find("skipping declared::countOpaque(const std::vector<declared::Opaque>&): argument type "
                   "'const std::vector<declared::Opaque>&' cannot be passed through a stub: "
                   "'std::vector<declared::Opaque>' does not compile (its template argument "
                   "'declared::Opaque' is only declared)"),
      std::string::npos)
      << run.err;
  genreflex_test::DictionaryView dict(library);
  EXPECT_EQ(dict.functions("declared::Calc", "mean").size(), 1u);
  EXPECT_EQ(dict.functions("declared", "tally").size(), 1u);
  EXPECT_EQ(dict.functions("", "declaredSum").size(), 1u);
}

}  // namespace
