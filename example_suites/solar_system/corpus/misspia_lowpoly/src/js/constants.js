import $ from 'jquery';

// elements
export const BODY = $('body');

export const PROFILE_VIEW = $('#planetProfile');
export const PROFILE_VIEW_INFO = $('#planetProfile .info');
export const PROFILE_VIEW_MENU = $('#planetProfile .menu');

export const TOGGLER = $('#controls .profileToggler');
export const INSTRUCTIONS = $('#instructions');

export const SS_VIEW = $('#solarSystem');

//states
export const STATE_PROFILE = 'STATE_PROFILE';
export const STATE_SS = 'STATE_SS';
