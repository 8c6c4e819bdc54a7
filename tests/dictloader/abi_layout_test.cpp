// abi_layout_test.cpp - the ABI layout pins, compiled as C++ (see abi_layout_test.c).
#include "abi_layout_test.c"
