#include "festmatch/scheduler/schedule_diff-inl.hpp"
