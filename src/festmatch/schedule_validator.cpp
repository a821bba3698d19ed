#include "festmatch/schedule_validator-inl.hpp"
