# Fails the build when a Catch2 test name contains ';'. catch_discover_tests splits names at ';',
# so such a test becomes two ctest entries whose filters match nothing: both "pass" and the test
# never runs. Run as: cmake -DDIR=<tests folder> -P check_test_names.cmake
file(GLOB_RECURSE sources "${DIR}/*.cpp")
set(bad "")
foreach(f IN LISTS sources)
  file(STRINGS "${f}" lines REGEX "TEST_CASE\\(\"[^\"]*;")
  foreach(l IN LISTS lines)
    string(APPEND bad "\n  ${f}: ${l}")
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "test names with ';' never run under ctest; rename them:${bad}")
endif()
