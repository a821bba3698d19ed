#include "festmatch/io/event_json-inl.hpp"
