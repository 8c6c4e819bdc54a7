// syntax_error.h - genreflex negative test: does not compile (line 4 lacks a ';').
#pragma once

struct Broken { int x }

int fine();
