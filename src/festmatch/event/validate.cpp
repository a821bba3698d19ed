#include "festmatch/event/validate-inl.hpp"
