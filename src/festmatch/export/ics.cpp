#include "festmatch/export/ics-inl.hpp"
