#include "festmatch/validate-inl.hpp"
