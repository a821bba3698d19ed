#include "festmatch/scheduler/reschedule-inl.hpp"
