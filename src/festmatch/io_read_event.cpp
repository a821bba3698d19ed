#include "festmatch/io/read_event-inl.hpp"
