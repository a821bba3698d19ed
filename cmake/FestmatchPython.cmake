# What the Python module (python/) needs: a Python 3 interpreter with its headers (Debian:
# python3-dev), pybind11 (pybind11-dev) and numpy importable by that interpreter
# (python3-numpy). Sets FESTMATCH_PYTHON_FOUND, and FESTMATCH_PYTHON_MISSING to what is missing.
# -DPython_EXECUTABLE=/usr/bin/python3 picks Debian's interpreter when another python3 (one
# without numpy) comes first on PATH.
set(FESTMATCH_PYTHON_FOUND OFF)
set(FESTMATCH_PYTHON_MISSING "")
find_package(Python 3.9 COMPONENTS Interpreter Development.Module QUIET)
if(NOT Python_Interpreter_FOUND)
  set(FESTMATCH_PYTHON_MISSING "a Python 3 interpreter (python3)")
elseif(NOT Python_Development.Module_FOUND)
  set(FESTMATCH_PYTHON_MISSING "the headers of ${Python_EXECUTABLE} (python3-dev)")
else()
  find_package(pybind11 2.6 CONFIG QUIET)
  execute_process(COMMAND ${Python_EXECUTABLE} -c "import numpy"
                  RESULT_VARIABLE _fm_no_numpy OUTPUT_QUIET ERROR_QUIET)
  if(NOT pybind11_FOUND)
    set(FESTMATCH_PYTHON_MISSING "pybind11 (pybind11-dev)")
  elseif(_fm_no_numpy)
    set(FESTMATCH_PYTHON_MISSING
        "numpy for ${Python_EXECUTABLE} (python3-numpy; or -DPython_EXECUTABLE=/usr/bin/python3)")
  else()
    set(FESTMATCH_PYTHON_FOUND ON)
  endif()
endif()
if(NOT FESTMATCH_PYTHON_FOUND AND NOT DEFINED FESTMATCH_PYTHON)
  message(STATUS "festmatch: no Python module: missing ${FESTMATCH_PYTHON_MISSING}")
endif()
