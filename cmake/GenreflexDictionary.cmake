# GenreflexDictionary.cmake - genreflex_add_dictionary(): a reflection dictionary as a build step.
#
#   genreflex_add_dictionary(<target> HEADERS h1 [h2...]
#                            [METHPTRGETTER | METHPTRGETTER_ALL]
#                            [INCLUDE_DIRS dir...] [DEFINES NAME[=VALUE]...]
#                            [LINK_LIBRARIES lib...] [OUTPUT_NAME name]
#                            [CXX_STANDARD 17|20|...]  (gnu++NN unless CMAKE_CXX_EXTENSIONS is OFF)
#                            [INSTANTIATE "std::map<std::string,int>"...]
#                            [SELECTION selection.xml])
#
# Runs genreflex on the headers at build time, writing <target>_rflx.cpp into
# the current binary directory, and compiles it into the shared library
# <target> (lib<target>.so, or lib<OUTPUT_NAME>.so). The library is meant to be
# dlopen'ed by libdictloader, not linked, so it links only LINK_LIBRARIES: the
# code behind the headers' out-of-line declarations. With SELECTION, a ROOT
# selection file chooses what the dictionary holds (genreflex --selection).
#
# Which genreflex runs: the `genreflex` target when building inside the
# dictloader project, else GENREFLEX_EXECUTABLE (set by find_package(dictloader),
# or found on PATH). The generated source includes dictloader/dictionary_abi.h
# from DICTLOADER_INCLUDE_DIR (set by find_package(dictloader)), or from the
# source tree inside the project.
include_guard(GLOBAL)

function(genreflex_add_dictionary target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "METHPTRGETTER;METHPTRGETTER_ALL" "OUTPUT_NAME;CXX_STANDARD;SELECTION"
                        "HEADERS;INCLUDE_DIRS;DEFINES;LINK_LIBRARIES;INSTANTIATE")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "genreflex_add_dictionary(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_HEADERS)
    message(FATAL_ERROR "genreflex_add_dictionary(${target}): HEADERS is required")
  endif()
  if(NOT arg_CXX_STANDARD)
    set(arg_CXX_STANDARD 17)  # genreflex's own default, so parsing and compiling agree
  endif()
  # GNU's dialect (gnu++17), as genreflex's default and CMake's, unless the
  # project turned the extensions off: genreflex parses in the dialect the
  # dictionary is compiled in.
  if(DEFINED CMAKE_CXX_EXTENSIONS AND NOT CMAKE_CXX_EXTENSIONS)
    set(extensions OFF)
    set(dialect "c++")
  else()
    set(extensions ON)
    set(dialect "gnu++")
  endif()

  if(TARGET genreflex)
    set(generator "$<TARGET_FILE:genreflex>")
    set(generator_dependency genreflex)
  else()
    if(NOT GENREFLEX_EXECUTABLE)
      find_program(GENREFLEX_EXECUTABLE genreflex)
    endif()
    if(NOT GENREFLEX_EXECUTABLE)
      message(FATAL_ERROR "genreflex_add_dictionary(${target}): genreflex not found; "
                          "use find_package(dictloader) or set GENREFLEX_EXECUTABLE")
    endif()
    set(generator "${GENREFLEX_EXECUTABLE}")
    set(generator_dependency "${GENREFLEX_EXECUTABLE}")
  endif()

  if(DICTLOADER_INCLUDE_DIR)
    set(abi_include "${DICTLOADER_INCLUDE_DIR}")
  elseif(DEFINED dictloader_SOURCE_DIR)
    # dictloader_SOURCE_DIR, not PROJECT_SOURCE_DIR: right even when a
    # super-project that adds this one calls the function from its own tree.
    set(abi_include "${dictloader_SOURCE_DIR}/dictloader/include")
  else()
    message(FATAL_ERROR "genreflex_add_dictionary(${target}): set DICTLOADER_INCLUDE_DIR to the "
                        "directory holding dictloader/dictionary_abi.h (find_package(dictloader) does)")
  endif()

  # Absolute paths: the generated source includes the headers as given to genreflex.
  set(headers "")
  foreach(header IN LISTS arg_HEADERS)
    get_filename_component(header "${header}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND headers "${header}")
  endforeach()
  set(include_dirs "")
  foreach(dir IN LISTS arg_INCLUDE_DIRS)
    get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND include_dirs "${dir}")
  endforeach()

  set(flags "--std=${dialect}${arg_CXX_STANDARD}")
  if(arg_METHPTRGETTER_ALL)
    list(APPEND flags --methptrgetter=all)
  elseif(arg_METHPTRGETTER)
    list(APPEND flags --methptrgetter)
  endif()
  foreach(dir IN LISTS include_dirs)
    list(APPEND flags "-I${dir}")
  endforeach()
  foreach(definition IN LISTS arg_DEFINES)
    list(APPEND flags "-D${definition}")
  endforeach()
  foreach(instantiation IN LISTS arg_INSTANTIATE)
    list(APPEND flags "--instantiate=${instantiation}")
  endforeach()

  set(selection "")
  if(arg_SELECTION)
    get_filename_component(selection "${arg_SELECTION}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND flags "--selection=${selection}")
  endif()

  set(source "${CMAKE_CURRENT_BINARY_DIR}/${target}_rflx.cpp")
  list(GET arg_HEADERS 0 first_header)
  get_filename_component(first_header "${first_header}" NAME)
  add_custom_command(
    OUTPUT "${source}"
    COMMAND "${generator}" ${headers} ${flags} -o "${source}"
    DEPENDS ${headers} ${selection} ${generator_dependency}
    COMMENT "Generating dictionary ${target} from ${first_header}"
    VERBATIM COMMAND_EXPAND_LISTS)

  add_library(${target} SHARED "${source}")
  target_include_directories(${target} PRIVATE "${abi_include}" ${include_dirs})
  target_compile_definitions(${target} PRIVATE ${arg_DEFINES})
  target_link_libraries(${target} PRIVATE ${arg_LINK_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    CXX_STANDARD ${arg_CXX_STANDARD}
    CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS ${extensions}
    POSITION_INDEPENDENT_CODE ON)
  if(arg_OUTPUT_NAME)
    set_target_properties(${target} PROPERTIES OUTPUT_NAME "${arg_OUTPUT_NAME}")
  endif()
endfunction()
