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

# libFuzzer binaries (clang only): scripts/fuzz configures its own build
# directory with -DTCPSIM_FUZZ=ON and builds the targets fuzz_parse and
# fuzz_run; the engine is instrumented for coverage and the sanitizers.
# UBSan reports are recoverable here so that tests/fuzz/known.supp can
# silence known bugs; scripts/fuzz runs with halt_on_error=1, so any other
# report still stops the fuzzer.
option(TCPSIM_FUZZ "Build the libFuzzer targets fuzz_parse and fuzz_run (clang)" OFF)
if(TCPSIM_FUZZ)
  set(TCPSIM_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined
    -fsanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(tcpsim_sim PRIVATE ${TCPSIM_FUZZ_FLAGS})
  foreach(target parse run)
    add_executable(fuzz_${target} ${TCPSIM_FUZZ_DIR}/fuzz_${target}.c
      ${CMAKE_SOURCE_DIR}/tests/gen/trace_check.c)
    target_link_libraries(fuzz_${target} PRIVATE tcpsim_sim)
    target_include_directories(fuzz_${target} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
    tcpsim_flags(fuzz_${target})
    target_compile_options(fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined
      -fsanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  endforeach()
endif()
