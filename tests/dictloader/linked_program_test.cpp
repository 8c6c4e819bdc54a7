// linked_program_test.cpp - a dictionary linked into the program is found.
//
// This executable links the discovered.h dictionary at build time, so the
// dynamic loader maps it before main() and before the registry exists; the
// test never calls dictloader_load or dlopen.
#include <gtest/gtest.h>

#include <string>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictloader.h"

TEST(LinkedProgram, DictionaryLinkedIntoTheProgramIsFoundWithoutLoading) {
  cppyy_scope_t probe = cppyy_get_scope("found::Probe");
  ASSERT_NE(probe, 0u) << "the linked dictionary was not found: " << dictloader_last_error();
  EXPECT_FALSE(cppyy_is_namespace(probe));
  bool listed = false;
  for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
    if (std::string(dictloader_dictionary_name(i)) == "discovered") listed = true;
  EXPECT_TRUE(listed);
}

TEST(LinkedProgram, UnknownNamesStayUnknownAfterTheScan) {
  EXPECT_EQ(cppyy_get_scope("found::NoSuchProbe"), 0u);
}
