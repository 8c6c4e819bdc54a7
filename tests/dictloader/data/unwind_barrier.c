/* unwind_barrier.c - calls a fast-path address from a frame without unwind
 * tables, as PyPy's JIT code is: an exception thrown below it cannot be
 * unwound past it, so it ends in std::terminate. Built with
 * -fno-asynchronous-unwind-tables -fno-unwind-tables (tests/dictloader/CMakeLists.txt). */
typedef int (*IntOfInt)(int);

int dl_test_call_without_unwind_tables(void* function, int argument) {
  volatile int result = ((IntOfInt)function)(argument); /* volatile: a real call, not a tail jump */
  return result;
}
