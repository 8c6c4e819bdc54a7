// plain_library.cpp - a shared library that is not a dictionary, for the
// tests of load_library and of load_reflection_info's refusal.
extern "C" int pytest_plain_library_answer() { return 42; }
