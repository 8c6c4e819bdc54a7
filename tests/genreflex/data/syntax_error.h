// syntax_error.h - genreflex negative test: does not compile (line 4 lacks a ';').
#pragma once
// clang-format off
struct Broken { int x }

int fine();
