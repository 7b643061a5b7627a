package com.teaminbox.core.reports;

/**
 * One member's work in the period: replies sent through submission, the first responses among
 * them (with how long the customer waited), and the tickets she marked resolved (with their age).
 */
public record MemberFigures(String member, int replies, ResponseTimes firstResponse, ResponseTimes resolution) {
}
