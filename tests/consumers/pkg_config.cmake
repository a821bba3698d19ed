# Builds consumer.cpp with the flags `pkg-config --cflags --libs festmatch` gives for an install
# prefix, runs it on an event, and checks that it names the expected version and schedules it.
# -DPREFIX= -DSOURCE= -DBINARY= -DCXX= -DEVENT= -DEXPECT=
set(ENV{PKG_CONFIG_PATH} ${PREFIX}/share/pkgconfig)
execute_process(COMMAND pkg-config --cflags --libs festmatch RESULT_VARIABLE _rc
                OUTPUT_VARIABLE _flags ERROR_VARIABLE _err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "pkg-config festmatch failed (${_rc}): ${_err}")
endif()
separate_arguments(_flags UNIX_COMMAND "${_flags}")
file(MAKE_DIRECTORY ${BINARY})
execute_process(COMMAND ${CXX} -O1 ${SOURCE} ${_flags} -o ${BINARY}/consumer RESULT_VARIABLE _rc
                ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "compiling with pkg-config's flags failed (${_rc}):\n${_err}")
endif()
execute_process(COMMAND ${BINARY}/consumer ${EVENT} RESULT_VARIABLE _rc OUTPUT_VARIABLE _out)
if(NOT _rc EQUAL 0 OR NOT _out MATCHES "festmatch ${EXPECT}.*[0-9]+ meetings, objective")
  message(FATAL_ERROR "consumer (${_rc}) printed '${_out}'")
endif()
message(STATUS "${_out}")
