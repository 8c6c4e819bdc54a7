# rewrite_source.cmake - copies INPUT to OUTPUT with FROM replaced by TO (and, if
# given, FROM2 by TO2), and fails if a FROM is absent: a damaged-dictionary test must
# never silently test an intact one.
#   cmake -DINPUT=a.cpp -DOUTPUT=b.cpp -DFROM=text -DTO=text [-DFROM2=text -DTO2=text] -P rewrite_source.cmake
foreach(var INPUT OUTPUT FROM TO)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "rewrite_source.cmake: ${var} is not set")
  endif()
endforeach()
file(READ "${INPUT}" text)
set(edits FROM)
if(DEFINED FROM2)
  list(APPEND edits FROM2)
endif()
foreach(from_var IN LISTS edits)
  string(REPLACE "FROM" "TO" to_var "${from_var}")
  string(FIND "${text}" "${${from_var}}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "rewrite_source.cmake: '${${from_var}}' not found in ${INPUT}; has genreflex's output changed?")
  endif()
  string(REPLACE "${${from_var}}" "${${to_var}}" text "${text}")
endforeach()
file(WRITE "${OUTPUT}" "${text}")
