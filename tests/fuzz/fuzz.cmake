# tests/fuzz and tests/gen: the fuzz targets' replay drivers (gcc or clang,
# no libFuzzer: scripts/fuzz builds the libFuzzer binaries itself), the
# generated-scenario test's extra sources, and their CTest tests.  Included
# by the top CMakeLists.txt after the tests/test_*.c loop.
set(TCPSIM_FUZZ_DIR ${CMAKE_SOURCE_DIR}/tests/fuzz)

# test_generated (from the tests/test_*.c loop) also needs the generator.
target_sources(test_generated PRIVATE ${CMAKE_SOURCE_DIR}/tests/gen/gen.c
  ${CMAKE_SOURCE_DIR}/tests/gen/trace_check.c)
if(TCPSIM_SANITIZE)
  # fewer seeds under ASan + UBSan (see DEFAULT_LAST in the test)
  target_compile_definitions(test_generated PRIVATE TCPSIM_SANITIZED=1)
endif()
set_tests_properties(test_generated PROPERTIES TIMEOUT 600)

foreach(target parse run)
  add_executable(fuzz_${target}_replay ${TCPSIM_FUZZ_DIR}/fuzz_${target}.c
    ${TCPSIM_FUZZ_DIR}/fuzz_replay.c ${CMAKE_SOURCE_DIR}/tests/gen/trace_check.c)
  target_link_libraries(fuzz_${target}_replay PRIVATE tcpsim_sim)
  target_include_directories(fuzz_${target}_replay PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  tcpsim_flags(fuzz_${target}_replay)
endforeach()

# The committed corpus through the same entry points the fuzzer uses.
add_test(NAME fuzz/replay_parse COMMAND fuzz_parse_replay ${TCPSIM_FUZZ_DIR}/corpus/parse
  ${TCPSIM_FUZZ_DIR}/corpus/run)
add_test(NAME fuzz/replay_run COMMAND fuzz_run_replay ${TCPSIM_FUZZ_DIR}/corpus/run)
# Every issue-13 reproducer parses; running them is listed in
# tests/fuzz/repro/README.md until the engine fixes land.
add_test(NAME fuzz/replay_repro_parse COMMAND fuzz_parse_replay ${TCPSIM_FUZZ_DIR}/repro)
set_tests_properties(fuzz/replay_parse fuzz/replay_run fuzz/replay_repro_parse
  PROPERTIES TIMEOUT 300)
