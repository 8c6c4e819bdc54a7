// selection_cli_test.cpp - genreflex with ROOT's command line: a selection
// file (selected.h + selected.xml) checked against what the generated
// dictionary holds, rules that match nothing, malformed XML, rootmaps, and the
// options of ROOT's genreflex.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dictionary_view.h"
#include "genreflex_cli_fixture.h"

namespace {

using namespace genreflex_test;

class SelectionCli : public GenreflexCli {
 protected:
  // A selection file written into the scratch directory (outside outDir_).
  std::string selectionFile(const std::string& name, const std::string& text) {
    fs::path path = scratch_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  static bool hasLine(const std::string& text, const std::string& line) {
    std::vector<std::string> all = lines(text);
    return std::find(all.begin(), all.end(), line) != all.end();
  }
};

TEST_F(SelectionCli, TheDictionaryHoldsWhatTheFileSelectsAndWhatThatNeeds) {
  std::string library = (outDir_ / "libSelectedDict.so").string();
  std::string rootmap = (outDir_ / "libSelectedDict.rootmap").string();
  Outcome run = genreflex({dataFile("selected.h"), "--selection=" + dataFile("selected.xml"), "-o", library,
                           "--rootmap=" + rootmap});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");  // every rule matched: no warning
  EXPECT_EQ(outDirEntries(), (Names{"libSelectedDict.rootmap", "libSelectedDict.so"}));
  DictionaryView dict(library);

  // <class name=...> with member exclusions: debug(), fit(double) and raw are gone.
  ASSERT_NE(dict.scope("sel::Track"), nullptr);
  EXPECT_EQ(dict.functions("sel::Track", "size").size(), 1u);
  EXPECT_TRUE(dict.functions("sel::Track", "debug").empty());
  EXPECT_NE(dict.function("sel::Track", "fit", {"int"}), nullptr);
  EXPECT_EQ(dict.function("sel::Track", "fit", {"double"}), nullptr);
  EXPECT_NE(dict.data("sel::Track", "hits"), nullptr);
  EXPECT_NE(dict.data("sel::Track", "cache"), nullptr);  // transient: an I/O attribute only
  EXPECT_EQ(dict.data("sel::Track", "raw"), nullptr);
  EXPECT_EQ(dict.scope("sel::Track::Fit"), nullptr);  // nested classes need their own rule
  // Its base class comes along, and is listed as its base.
  EXPECT_NE(dict.scope("sel::Base"), nullptr);
  EXPECT_NE(dict.base("sel::Track", "sel::Base"), nullptr);
  EXPECT_EQ(dict.functions("sel::Base", "baseValue").size(), 1u);

  // Patterns, and an exclusion that wins over one.
  EXPECT_NE(dict.scope("sel::Helper"), nullptr);
  EXPECT_NE(dict.scope("sel::Holder"), nullptr);
  EXPECT_EQ(dict.scope("sel::Internal"), nullptr);
  EXPECT_EQ(dict.scope("sel::Unselected"), nullptr);
  EXPECT_EQ(dict.scope("sel::inner::Deep"), nullptr);

  // Instantiations: the ones the headers use that a pattern matches, and one the file names.
  EXPECT_NE(dict.scope("sel::Box<float>"), nullptr);
  EXPECT_NE(dict.scope("sel::Box<long>"), nullptr);
  EXPECT_EQ(dict.functions("sel::Box<float>", "get").size(), 1u);
  EXPECT_NE(dict.scope("std::vector<sel::Helper>"), nullptr);
  EXPECT_EQ(dict.functions("std::vector<sel::Helper>", "size").size(), 1u);

  // Functions by name and by prototype; the others are not there.
  EXPECT_EQ(dict.functions("sel", "make").size(), 1u);
  EXPECT_NE(dict.function("sel", "build", {"double"}), nullptr);
  EXPECT_EQ(dict.function("sel", "build", {"int"}), nullptr);
  EXPECT_TRUE(dict.functions("sel", "other").empty());
  EXPECT_TRUE(dict.functions("sel", "boxCount").empty());

  // Variables, enums, typedefs.
  EXPECT_NE(dict.data("sel", "counter"), nullptr);
  EXPECT_EQ(dict.data("sel", "hidden"), nullptr);
  EXPECT_NE(dict.enumeration("sel::Color"), nullptr);
  EXPECT_EQ(dict.enumeration("sel::Shape"), nullptr);
  EXPECT_NE(dict.typedefNamed("sel::Real"), nullptr);
  EXPECT_EQ(dict.typedefNamed("sel::Integer"), nullptr);
  EXPECT_NE(dict.typedefNamed("sel::PointeeAlias"), nullptr);
  EXPECT_EQ(dict.functions("sel::Pointee", "point").size(), 1u);  // the class a selected typedef names
  EXPECT_NE(dict.typedefNamed("sel::ClassedAlias"), nullptr);     // a class rule naming a typedef
  EXPECT_EQ(dict.functions("sel::Classed", "classed").size(), 1u);
  // A function pattern naming instances of a function template: both explicit instantiations.
  EXPECT_NE(dict.function("sel", "twice<int>", {"int"}), nullptr);
  EXPECT_NE(dict.function("sel", "twice<double>", {"double"}), nullptr);

  // <namespace name="other"/>: the namespace, not what it holds.
  EXPECT_NE(dict.scope("other"), nullptr);
  EXPECT_EQ(dict.scope("other::Elsewhere"), nullptr);
  EXPECT_TRUE(dict.functions("other", "elsewhere").empty());

  // The rootmap names the library and what it provides.
  std::string map = readFile(rootmap);
  for (const std::string& line : std::vector<std::string>{
           "[ libSelectedDict.so ]", "class sel::Track", "class sel::Base", "class sel::Helper",
           "class sel::Box<float>", "class std::vector<sel::Helper>", "namespace sel", "namespace other",
           "typedef sel::Real", "enum sel::Color", "var sel::counter", "header " + dataFile("selected.h")})
    EXPECT_TRUE(hasLine(map, line)) << line << "\n" << map;
  EXPECT_FALSE(hasLine(map, "class sel::Internal")) << map;
  EXPECT_FALSE(hasLine(map, "namespace std")) << map;
}

TEST_F(SelectionCli, PatternsReachInstalledLibrariesButNotTheStandardLibrary) {
  // FastJet's headers are system headers (/usr/include): its namespace is the
  // user's library, std and the C library's globals are not.
  const char* header = "/usr/include/fastjet/PseudoJet.hh";
  if (!fs::exists(header)) GTEST_SKIP() << header << " is not installed (libfastjet-dev)";
  std::string xml = selectionFile("everything.xml",
                                  "<lcgdict>\n"
                                  "  <class pattern=\"*\"/>\n"
                                  "  <class pattern=\"std::vector<fastjet::*>\"/>\n"
                                  "  <function pattern=\"*\"/>\n"
                                  "</lcgdict>\n");
  std::string rootmap = (outDir_ / "everything.rootmap").string();
  Outcome run =
      genreflex({header, "-s", xml, "-o", (outDir_ / "Everything.cpp").string(), "--rootmap", rootmap});
  ASSERT_EQ(run.status, 0) << run.err;
  std::string map = readFile(rootmap);
  EXPECT_TRUE(hasLine(map, "class fastjet::PseudoJet")) << map;
  EXPECT_TRUE(hasLine(map, "class std::vector<fastjet::PseudoJet>")) << map;  // the pattern spells arguments
  EXPECT_TRUE(hasLine(map, "namespace fastjet")) << map;
  EXPECT_EQ(map.find("class std::basic_string"), std::string::npos) << map;
  EXPECT_EQ(map.find("class std::string"), std::string::npos) << map;
  EXPECT_EQ(map.find("class __gnu_cxx"), std::string::npos) << map;
  std::string source = readFile(outDir_ / "Everything.cpp");
  EXPECT_EQ(source.find("\"printf\""), std::string::npos);  // the C library's functions
  EXPECT_EQ(source.find("\"sqrt\""), std::string::npos);
}

// As with ROOT's genreflex, naming std::vector<X> needs no #include <vector> in the headers.
TEST_F(SelectionCli, NamedStandardContainersNeedNoIncludeOfTheirOwn) {
  std::string header =
      selectionFile("bare.h", "#pragma once\nnamespace bare { struct Hit { double e = 1.5; }; }\n");
  std::string xml = selectionFile("containers.xml",
                                  "<lcgdict>\n"
                                  "  <class name=\"bare::Hit\"/>\n"
                                  "  <class name=\"std::vector<bare::Hit>\"/>\n"
                                  "  <class name=\"std::map<int, std::vector<bare::Hit> >\"/>\n"
                                  "</lcgdict>\n");
  std::string library = (outDir_ / "libBareDict.so").string();
  Outcome run = genreflex({header, "-s", xml, "--instantiate", "std::unordered_set<int>", "-o", library});
  ASSERT_EQ(run.status, 0) << run.err;
  DictionaryView dict(library);
  EXPECT_NE(dict.scope("std::vector<bare::Hit>"), nullptr);
  EXPECT_NE(dict.scope("std::map<int,std::vector<bare::Hit>>"), nullptr);
  EXPECT_NE(dict.scope("std::unordered_set<int>"), nullptr);
}

TEST_F(SelectionCli, ShortAndLongSpellingsOfTheSelectionOptionAgree) {
  std::string xml = selectionFile("one.xml", "<lcgdict><class name=\"sel::Helper\"/></lcgdict>\n");
  for (std::vector<std::string> spelling :
       {std::vector<std::string>{"-s", xml}, {"--selection_file=" + xml}, {"--selection_file", xml}}) {
    std::string library = (outDir_ / "libOneDict.so").string();
    spelling.insert(spelling.begin(), dataFile("selected.h"));
    spelling.insert(spelling.end(), {"-o", library});
    Outcome run = genreflex(spelling);
    ASSERT_EQ(run.status, 0) << spelling[1] << "\n" << run.err;
    DictionaryView dict(library);
    EXPECT_NE(dict.scope("sel::Helper"), nullptr);
    EXPECT_EQ(dict.scope("sel::Track"), nullptr);
    fs::remove(library);
  }
}

TEST_F(SelectionCli, ARuleThatMatchesNothingIsAWarningWithItsLine) {
  std::string xml = selectionFile("unmatched.xml",
                                  "<lcgdict>\n"
                                  "  <class name=\"sel::Helper\"/>\n"
                                  "  <class name=\"sel::Nowhere\"/>\n"
                                  "  <function pattern=\"sel::nothing*\"/>\n"
                                  "  <class name=\"sel::Declared\"/>\n"
                                  "</lcgdict>\n");
  std::string library = (outDir_ / "libUnmatchedDict.so").string();
  Outcome run = genreflex({dataFile("selected.h"), "-s", xml, "-o", library});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(lines(run.err),
            (std::vector<std::string>{
                "genreflex: warning: " + xml + ":3: <class name=\"sel::Nowhere\"> matched nothing",
                "genreflex: warning: " + xml + ":4: <function pattern=\"sel::nothing*\"> matched nothing",
                "genreflex: warning: " + xml + ":5: <class name=\"sel::Declared\"> matched nothing"}));
  EXPECT_EQ(outDirEntries(), Names{"libUnmatchedDict.so"});

  // --quiet: no warnings.
  fs::remove(library);
  Outcome quiet = genreflex({dataFile("selected.h"), "-s", xml, "-o", library, "--quiet"});
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
}

TEST_F(SelectionCli, UnderFailOnWarningsAnUnmatchedRuleFailsAndNothingIsWritten) {
  std::string xml = selectionFile("unmatched.xml",
                                  "<lcgdict>\n"
                                  "  <class name=\"sel::Nowhere\"/>\n"
                                  "</lcgdict>\n");
  Outcome run = genreflex({dataFile("selected.h"), "-s", xml, "--fail_on_warnings", "-o",
                           (outDir_ / "libUnmatchedDict.so").string(),
                           "--rootmap=" + (outDir_ / "Unmatched.rootmap").string()});
  EXPECT_NE(run.status, 0);
  std::vector<std::string> errLines = lines(run.err);
  ASSERT_EQ(errLines.size(), 2u) << run.err;
  EXPECT_EQ(errLines[0], "genreflex: error: " + xml + ":2: <class name=\"sel::Nowhere\"> matched nothing");
  EXPECT_EQ(errLines[1], "genreflex: error: rules of " + xml +
                             " match nothing and --fail_on_warnings is set; nothing was written");
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(SelectionCli, MalformedXmlIsAnErrorWithFileAndLineAndNothingIsWritten) {
  std::string xml = selectionFile("broken.xml",
                                  "<lcgdict>\n"
                                  "  <selection>\n"
                                  "    <class name=\"sel::Track\">\n"
                                  "  </selection>\n"
                                  "</lcgdict>\n");
  for (const char* output : {"libBrokenDict.so", "Broken.cpp"}) {
    Outcome run = genreflex({dataFile("selected.h"), "--selection=" + xml, "-o", (outDir_ / output).string(),
                             "--rootmap=" + (outDir_ / "Broken.rootmap").string()});
    EXPECT_NE(run.status, 0);
    std::vector<std::string> errLines = lines(run.err);
    ASSERT_EQ(errLines.size(), 1u) << run.err;
    EXPECT_EQ(errLines[0].rfind("genreflex: error: " + xml + ":4: malformed XML: ", 0), 0u) << errLines[0];
    EXPECT_NE(errLines[0].find("nothing was written"), std::string::npos) << errLines[0];
    EXPECT_EQ(outDirEntries(), Names{});
  }
}

TEST_F(SelectionCli, AnUnknownElementIsAnErrorNamingItsLine) {
  std::string xml =
      selectionFile("typo.xml", "<lcgdict>\n<selection>\n<clas name=\"A\"/>\n</selection>\n</lcgdict>\n");
  Outcome run = genreflex({dataFile("selected.h"), "-s", xml, "-o", (outDir_ / "libTypoDict.so").string()});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find(xml + ":3: unknown element <clas>"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(SelectionCli, ANamedInstantiationThatDoesNotCompileIsReportedAtItsLine) {
  std::string xml = selectionFile("misspelt.xml",
                                  "<lcgdict>\n"
                                  "  <class name=\"sel::Helper\"/>\n"
                                  "  <class name=\"std::vectr<int>\"/>\n"
                                  "</lcgdict>\n");
  Outcome run =
      genreflex({dataFile("selected.h"), "-s", xml, "-o", (outDir_ / "libMisspeltDict.so").string()});
  EXPECT_NE(run.status, 0);
  EXPECT_NE(run.err.find(xml + ":3:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("no template named 'vectr'"), std::string::npos) << run.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(SelectionCli, SelSyntaxOnlyChecksTheFileAndWritesNothing) {
  Outcome good = genreflex({"--selSyntaxOnly", "-s", dataFile("selected.xml")});
  EXPECT_EQ(good.status, 0) << good.err;
  std::string xml = selectionFile("broken.xml", "<lcgdict>\n<class name=\"A\">\n</lcgdict>\n");
  Outcome bad = genreflex({"--selSyntaxOnly", "-s", xml});
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.err.find(xml + ":3: malformed XML"), std::string::npos) << bad.err;
}

// --- ROOT genreflex's command line ------------------------------------------

TEST_F(SelectionCli, RootmapLibraryComesFromRootmapLibThenRootsLibraryOption) {
  std::string xml = selectionFile("one.xml", "<lcgdict><class name=\"sel::Helper\"/></lcgdict>\n");
  std::string source = (outDir_ / "Selected_rflx.cpp").string(), rootmap = (outDir_ / "S.rootmap").string();
  // --rootmap-lib, with ".so" added as ROOT does.
  Outcome run = genreflex(
      {dataFile("selected.h"), "-s", xml, "-o", source, "--rootmap", rootmap, "--rootmap-lib=SelectedDict"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(hasLine(readFile(rootmap), "[ SelectedDict.so ]")) << readFile(rootmap);
  EXPECT_TRUE(hasLine(readFile(rootmap), "class sel::Helper")) << readFile(rootmap);
  // ROOT's -l libX.so names the dictionary library (it takes precedence), and links nothing.
  run = genreflex({dataFile("selected.h"), "-s", xml, "-o", source, "--rootmap", rootmap,
                   "--rootmap-lib=SelectedDict.so", "-l", "lib/libTarget.so"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(hasLine(readFile(rootmap), "[ libTarget.so ]")) << readFile(rootmap);
  // Without either, the library being built.
  std::string library = (outDir_ / "libBuilt.so").string();
  run = genreflex({dataFile("selected.h"), "-s", xml, "-o", library, "--rootmap", rootmap});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(hasLine(readFile(rootmap), "[ libBuilt.so ]")) << readFile(rootmap);
}

TEST_F(SelectionCli, RootOptionsWithoutEffectAreAcceptedWithOneNoteEach) {
  std::string source = (outDir_ / "Scopes.cpp").string();
  Outcome run =
      genreflex({dataFile("scopes.h"), "--deep", "--multiDict", "--noIncludePaths", "--interpreteronly",
                 "--split", "-m", "extra_rdict.pcm", "--capabilities=caps.cpp", "-o", source});
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<std::string> errLines = lines(run.err);
  ASSERT_EQ(errLines.size(), 7u) << run.err;
  for (const char* option : {"--deep", "--multiDict", "--noIncludePaths", "--interpreteronly", "--split",
                             "-m", "--capabilities"}) {
    bool noted = std::any_of(errLines.begin(), errLines.end(), [&](const std::string& line) {
      return line.rfind(std::string("genreflex: note: ") + option + " has no effect here: ", 0) == 0;
    });
    EXPECT_TRUE(noted) << option << "\n" << run.err;
  }
  EXPECT_EQ(outDirEntries(), Names{"Scopes.cpp"});
  // --quiet silences the notes.
  Outcome quiet = genreflex({dataFile("scopes.h"), "--deep", "--quiet", "-o", source});
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
}

TEST_F(SelectionCli, WarningFlagsReachTheParseAsRootPassesThemToRootcling) {
  // -Wshadow: selected.h is clean, a header with a shadowed name is not.
  fs::path header = scratch_ / "shadowing.h";
  std::ofstream(header) << "inline int shadowing(int x) { { int x = 1; return x; } }\n";
  std::string source = (outDir_ / "Shadowing.cpp").string();
  Outcome plain = genreflex({header.string(), "--fail_on_warnings", "-o", source});
  ASSERT_EQ(plain.status, 0) << plain.err;
  fs::remove(source);
  Outcome shadow = genreflex({header.string(), "-Wshadow", "--fail_on_warnings", "-o", source});
  EXPECT_NE(shadow.status, 0);
  EXPECT_NE(shadow.err.find("-Wshadow"), std::string::npos) << shadow.err;
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(SelectionCli, AnUnknownOptionIsAOneLineError) {
  Outcome run = genreflex({dataFile("scopes.h"), "--no-such-option", "-o", (outDir_ / "X.cpp").string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(
      lines(run.err),
      std::vector<std::string>{"genreflex: error: unknown option '--no-such-option' (see genreflex --help)"});
  EXPECT_EQ(outDirEntries(), Names{});
}

TEST_F(SelectionCli, OutputDirectoryGetsTheHeadersRflxSource) {
  Outcome run = genreflex({dataFile("scopes.h"), "-o", outDir_.string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(outDirEntries(), Names{"scopes_rflx.cpp"});
}

TEST_F(SelectionCli, HelpDescribesSelectionRootmapsAndTheTwoMeaningsOfL) {
  Outcome run = genreflex({"--help"});
  ASSERT_EQ(run.status, 0);
  for (const char* text : {"--selection_file", "--rootmap-lib", "-l libXDict.so", "--deep", "--multiDict"})
    EXPECT_NE(run.out.find(text), std::string::npos) << text << "\n" << run.out;
}

}  // namespace
