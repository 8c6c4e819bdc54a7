// measure_process.cpp - runs one command and prints its exit status, wall
// time, CPU time (user + system) and peak resident set: what run_startup.py
// records for each process it starts.
//
//     startup_measure PROGRAM ARGS...   ->   "status wall_s cpu_s maxrss_kb"
//
// A process of its own, and a small one, because Linux folds the resident set
// of the process that execs into the new program's ru_maxrss: started straight
// from the Python driver (11 MB), a bare CPython start (8 MB) would read as 11.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cstdio>
#include <ctime>

extern char** environ;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PROGRAM [ARGS...]\n", argv[0]);
    return 2;
  }
  timespec start{}, end{};
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = 0;
  if (int error = posix_spawn(&pid, argv[1], nullptr, nullptr, argv + 1, environ); error != 0) {
    std::fprintf(stderr, "%s: cannot start %s (error %d)\n", argv[0], argv[1], error);
    return 2;
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) {
    std::perror("wait4");
    return 2;
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  double wall = static_cast<double>(end.tv_sec - start.tv_sec) +
                1e-9 * static_cast<double>(end.tv_nsec - start.tv_nsec);
  double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
               1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::printf("%d %.6f %.6f %ld\n", code, wall, cpu, usage.ru_maxrss);
  return 0;
}
