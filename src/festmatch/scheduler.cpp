#include "festmatch/scheduler-inl.hpp"
