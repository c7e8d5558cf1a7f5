package demoidp

// RoleLabel lets the tests check the sign-in page's role names.
var RoleLabel = roleLabel
