#include "festmatch/event/read_event-inl.hpp"
