// festmatch — the umbrella header: everything the library offers.
#pragma once

#include "festmatch/version.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event.hpp"
#include "festmatch/io/atomic_file.hpp"
