#include "festmatch/event/event_json-inl.hpp"
