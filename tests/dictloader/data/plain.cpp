// plain.cpp - an ordinary shared library, for the "not a dictionary" test.
extern "C" int dictloader_test_plain_function() { return 1; }
