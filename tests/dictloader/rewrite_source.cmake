# rewrite_source.cmake - copies INPUT to OUTPUT with FROM replaced by TO, and fails if
# FROM is absent: a damaged-dictionary test must never silently test an intact one.
#   cmake -DINPUT=a.cpp -DOUTPUT=b.cpp -DFROM=text -DTO=text -P rewrite_source.cmake
foreach(var INPUT OUTPUT FROM TO)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "rewrite_source.cmake: ${var} is not set")
  endif()
endforeach()
file(READ "${INPUT}" text)
string(FIND "${text}" "${FROM}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "rewrite_source.cmake: '${FROM}' not found in ${INPUT}; has genreflex's output changed?")
endif()
string(REPLACE "${FROM}" "${TO}" text "${text}")
file(WRITE "${OUTPUT}" "${text}")
