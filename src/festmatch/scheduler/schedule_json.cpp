#include "festmatch/scheduler/schedule_json-inl.hpp"
