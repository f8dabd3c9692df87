"""The driver's route page (reached by its link, no sign-in) and the coordinators' pages."""
